import { isUuid } from '@steerco/contracts';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isBuiltInRoleId } from '@steerco/authz';
import type { SqlClient } from '@steerco/platform-messaging';
import { InjectUnitOfWork } from '@steerco/platform-nest';
import type { TransactionScope, UnitOfWork } from '@steerco/platform-persistence';
import { IDENTITY_SCHEMA } from '../../../identity.constants';
import { OidcErrors } from '../../oidc.errors';
import type { CreateMappingInput, UpdateMappingInput } from '../dto/oidc-provider.dto';
import { GroupMappingRepository, type GroupMapping } from '../group-mapping.repository';
import { OidcProviderRepository } from '../oidc-provider.repository';

/**
 * Group mappings of a provider. A change takes effect at each user's next single sign-on: that is when the
 * groups are known. Audited on the provider, whose row is locked first so its audit chain stays in order.
 */
@Injectable()
export class ManageGroupMappingsUseCase {
  constructor(@InjectUnitOfWork(IDENTITY_SCHEMA) private readonly uow: UnitOfWork) {}

  add(providerId: string, input: CreateMappingInput): Promise<GroupMapping> {
    return this.uow.run(async (tx) => {
      await lockProvider(tx, providerId);
      await assertRoleExists(tx.sql, input.roleId);
      const mapping: GroupMapping = {
        id: randomUUID(),
        providerId,
        ...input,
        createdAt: new Date(),
        createdBy: tx.context.actor,
      };
      if (!(await new GroupMappingRepository(tx.sql, IDENTITY_SCHEMA).insert(mapping))) {
        throw OidcErrors.OIDC_GROUP_MAPPING_EXISTS();
      }
      audit(tx, providerId, 'group-mapping.added', null, mapping);
      return mapping;
    });
  }

  /** A changed mapping is a new one in place of the old (the id stays): assignments follow at next login. */
  change(providerId: string, mappingId: string, input: UpdateMappingInput): Promise<GroupMapping> {
    return this.uow.run(async (tx) => {
      await lockProvider(tx, providerId);
      const mappings = new GroupMappingRepository(tx.sql, IDENTITY_SCHEMA);
      const before = await mappings.find(providerId, mappingId);
      if (!before) throw OidcErrors.OIDC_GROUP_MAPPING_NOT_FOUND();
      if (input.roleId !== undefined) await assertRoleExists(tx.sql, input.roleId);
      const after = { ...before, ...input };
      await mappings.delete(mappingId);
      if (!(await mappings.insert(after))) throw OidcErrors.OIDC_GROUP_MAPPING_EXISTS();
      audit(tx, providerId, 'group-mapping.changed', before, after);
      return after;
    });
  }

  remove(providerId: string, mappingId: string): Promise<void> {
    return this.uow.run(async (tx) => {
      await lockProvider(tx, providerId);
      const mappings = new GroupMappingRepository(tx.sql, IDENTITY_SCHEMA);
      const mapping = await mappings.find(providerId, mappingId);
      if (!mapping) throw OidcErrors.OIDC_GROUP_MAPPING_NOT_FOUND();
      await mappings.delete(mappingId);
      audit(tx, providerId, 'group-mapping.removed', mapping, null);
    });
  }
}

async function lockProvider(tx: TransactionScope, providerId: string): Promise<void> {
  if (!(await new OidcProviderRepository(tx.sql, IDENTITY_SCHEMA).findForUpdate(providerId))) {
    throw OidcErrors.OIDC_PROVIDER_NOT_FOUND();
  }
}

async function assertRoleExists(sql: SqlClient, roleId: string): Promise<void> {
  if (isBuiltInRoleId(roleId)) return;
  const custom =
    isUuid(roleId) &&
    (await sql.query(`select 1 from "${IDENTITY_SCHEMA}".custom_role where id = $1`, [roleId])).length > 0;
  if (!custom) {
    throw OidcErrors.OIDC_ROLE_UNKNOWN(`No role ${roleId}.`, [
      { field: 'body.roleId', message: 'unknown role' },
    ]);
  }
}

function audit(
  tx: TransactionScope,
  providerId: string,
  action: string,
  before: GroupMapping | null,
  after: GroupMapping | null,
): void {
  const shown = (m: GroupMapping | null) =>
    m && { id: m.id, group: m.group, roleId: m.roleId, nodeId: m.nodeId };
  tx.audit({
    objectType: 'oidc-provider',
    objectId: providerId,
    action,
    changes: { groupMapping: { before: shown(before), after: shown(after) } },
  });
}
