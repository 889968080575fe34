import { isUuid } from '@steerco/contracts';
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  AbilityCache,
  resolveAssignments,
  type AppAbility,
  type Grant,
  type RoleAssignment,
  type RoleDefinition,
} from '@steerco/authz';
import { pgChannelListener } from '@steerco/platform-messaging';
import {
  InjectUnitOfWork,
  LOGGER,
  PLATFORM_CONFIG,
  PlatformErrors,
  requireDatabaseUrl,
  type PlatformConfig,
} from '@steerco/platform-nest';
import { currentContext, type Logger } from '@steerco/platform-observability';
import {
  AccessDirectory,
  AccessVersionCache,
  accessChangeChannel,
  type UnitOfWork,
} from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import { idsOfPath } from '../nodes/node.entity';
import { NodeRows } from '../nodes/node.rows';

/** What the caller of the current request may do, decided from the service's own access projection. */
export interface CallerAccess {
  userId: string;
  ability: AppAbility;
  /** Installation administrator: may create organizations; no business permission by this alone. */
  platformAdmin: boolean;
}

/**
 * Builds the caller's ability. The user's status and access version come from memory, kept current by the
 * projection's change notifications on every replica (a disabling or a revocation consumed a moment ago
 * applies as soon as its commit is announced), or from one query when memory cannot be trusted (ADR 0011).
 * The ability itself comes from a cache keyed by that version, and is rebuilt from the projected
 * assignments, with the assigned nodes' current paths read from the node table, only when the version moved.
 */
@Injectable()
export class HierarchyAccess implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new AbilityCache({ maxEntries: 10_000 });
  private readonly versions = new AccessVersionCache({ maxEntries: 10_000 });

  private readonly directory: AccessDirectory;
  private readonly rows: NodeRows;

  constructor(
    @InjectUnitOfWork(HIERARCHY_SCHEMA) uow: UnitOfWork,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.directory = new AccessDirectory(uow.sqlReader(), HIERARCHY_SCHEMA);
    this.rows = new NodeRows(uow.sqlReader(), HIERARCHY_SCHEMA);
  }

  async onModuleInit(): Promise<void> {
    await this.versions.start(
      pgChannelListener(
        requireDatabaseUrl(this.config),
        accessChangeChannel(HIERARCHY_SCHEMA),
        `steerco-access-listener-${HIERARCHY_SCHEMA}`,
        this.logger,
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.versions.stop();
  }

  /** The projection changed in this replica: forget users' access versions now, not at the notification. */
  forgetAccessVersions(): void {
    this.versions.forget();
  }

  async caller(): Promise<CallerAccess> {
    const userId = currentContext()?.actor;
    // A token of a user the projection does not know (or not yet): authenticated, but nobody here.
    if (!userId || !isUuid(userId)) throw unknownUser();
    const user = await this.versions.user(userId, (id) => this.directory.user(id));
    if (!user || user.status !== 'active') throw unknownUser();
    const principal = { userId };
    const ability =
      this.cache.peek(principal, user.version) ??
      this.cache.put(principal, user.version, await this.resolvedAssignments(userId, user.platformAdmin));
    return { userId, ability, platformAdmin: user.platformAdmin };
  }

  private async resolvedAssignments(userId: string, platformAdmin: boolean) {
    const projected = await this.directory.assignments(userId);
    const nodes = await this.rows.findByIds([...new Set(projected.map((a) => a.nodeId))]);
    const pathOf = new Map(nodes.map((n) => [n.id, idsOfPath(n.path)]));
    // An assignment on a node this service does not have (yet) covers nothing here.
    const assignments: RoleAssignment[] = [
      ...projected.flatMap((a) => {
        const nodePath = pathOf.get(a.nodeId);
        return nodePath ? [{ ...a, nodePath }] : [];
      }),
      ...(platformAdmin ? await this.organizationViewer(userId) : []),
    ];
    const custom = await this.directory.customRoles([...new Set(assignments.map((a) => a.roleId))]);
    const customRoles: RoleDefinition[] = custom.map((role) => ({
      id: role.id,
      name: role.name,
      builtIn: false,
      grants: role.grants as unknown as Grant[],
      mfaRequired: role.mfaRequired,
      timeBoxed: role.timeBoxed,
    }));
    return resolveAssignments(assignments, customRoles).resolved;
  }

  /**
   * An installation administrator sees the top of every organization (the viewer role on each), so they
   * can find what they created and have roles granted on it; anything more needs a real assignment.
   * Creating an organization moves the access version of every installation administrator, so a cached
   * ability never misses one. An organization's path is its own id.
   */
  private async organizationViewer(userId: string): Promise<RoleAssignment[]> {
    const organizations = await this.rows.list({
      level: 'organization',
      includeArchived: true,
      limit: 10_000,
    });
    return organizations.map((org) => ({
      id: `platform-admin:${org.id}`,
      userId,
      roleId: 'viewer',
      nodeId: org.id,
      nodePath: [org.id],
    }));
  }
}

function unknownUser() {
  return PlatformErrors.UNAUTHENTICATED('The access token belongs to no active user of this installation.');
}
