import { Injectable } from '@nestjs/common';
import { activeAssignments, packAbility, type ScopeConditions } from '@steerco/authz';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../access/caller-access';
import { loadUserAssignments } from '../access/resolved-assignments';
import { toAssignmentSnapshot } from '../assignments/role-assignment.repository';
import { IDENTITY_SCHEMA } from '../identity.constants';
import { NodeProjectionRepository } from '../nodes/node-projection.repository';
import { UserQueries } from '../users/user.queries';
import type { MeResponse } from './me.dto';

@Injectable()
export class MeQueries {
  constructor(
    @InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork,
    private readonly users: UserQueries,
  ) {}

  /**
   * The profile, the effective permissions as the server decides them (the same ability, packed), the nodes
   * they are granted on, and the assignments behind them, for the web app to hide what the server refuses.
   */
  async get(access: CallerAccess): Promise<MeResponse> {
    const sql = this.uow.sqlReader();
    const now = new Date();
    const profile = await this.users.get(access.userId);
    const { rows, resolved } = await loadUserAssignments(sql, access.userId);
    const granting = new Set(
      activeAssignments({ userId: access.userId, mfaVerified: access.mfaVerified }, resolved, now).map(
        (a) => a.id,
      ),
    );
    const roleNames = new Map(resolved.map((a) => [a.id, a.role.name]));
    const grantedNodeIds = access.ability.rules.flatMap((rule) =>
      ((rule.conditions as ScopeConditions | undefined)?.within ?? []).map((path) => path[path.length - 1]),
    );
    const projection = new NodeProjectionRepository(sql, IDENTITY_SCHEMA);
    const nodes = await projection.findMany(grantedNodeIds);
    return {
      ...profile,
      permissions: {
        rules: packAbility(access.ability) as unknown[][],
        nodes: nodes.map((node) => ({
          id: node.id,
          level: node.level,
          path: node.path,
          archived: node.archived,
        })),
      },
      assignments: rows
        .filter((row) => row.valid_until === null || row.valid_until > now)
        .map((row) => ({
          ...toAssignmentSnapshot(row),
          nodePath: row.path,
          roleName: roleNames.get(row.id) ?? null,
          grantsNow: granting.has(row.id),
        })),
    };
  }
}
