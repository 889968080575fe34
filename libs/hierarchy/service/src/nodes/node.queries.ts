import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { decodeCursor, encodeCursor, InjectUnitOfWork, type Page } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import type { CallerAccess } from '../access/hierarchy-access';
import {
  assertMay,
  assertVisible,
  canSee,
  visibleFields,
  visibleFieldsOfPage,
  visibleScopeSql,
} from '../access/node-permissions';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import type { ChildrenQuery, ListNodesQuery, SubtreeQuery } from './dto/node.dto';
import type { HierarchyNode } from './node.entity';
import { toSnapshot } from './node.mapper';
import { NodeRows, type Scope, type ScopePredicate } from './node.rows';
import { isSmallScope, SCOPE_COUNT_CAP, ScopeSizes } from './scope-sizes';

const cursorSchema = z.strictObject({ k: z.string().min(1).max(40) });

export type VisibleNode = Partial<NodeSnapshot>;

/** A breadcrumb entry above the caller's scope: enough to show where the node sits, nothing more. */
export interface RestrictedAncestor {
  id: string;
  level: string;
  title: string;
  restricted: true;
}

/**
 * Reads of the tree. Every answer is cut to the caller: a node outside their scope is not found, lists are
 * filtered in the database by the caller's scope (never loaded and then checked), and every node carries
 * only the fields of the tabs the caller may view.
 */
@Injectable()
export class NodeQueries {
  private readonly scopeSizes = new ScopeSizes();

  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** Read-only listings skip the ORM's identity map (docs/benchmarks.md, subtree). */
  private rows(): NodeRows {
    return new NodeRows(this.uow.sqlReader(), HIERARCHY_SCHEMA);
  }

  private paged(access: CallerAccess, rows: HierarchyNode[], limit: number): Page<VisibleNode> {
    const page = rows.slice(0, limit).map(toSnapshot);
    const items = visibleFieldsOfPage(access, page);
    return rows.length > limit
      ? { items, nextCursor: encodeCursor({ k: page[page.length - 1].key }) }
      : { items };
  }

  /** The caller's scope filter, and whether it is small for a page of `limit` (see `NodeRows.page`). */
  private async scope(access: CallerAccess, limit: number): Promise<Scope> {
    const predicate: ScopePredicate = (next) => visibleScopeSql(access, 'n.path', next);
    const size = await this.scopeSizes.of(access.ability, () =>
      this.rows().scopeSize(predicate, SCOPE_COUNT_CAP),
    );
    return { predicate, small: isSmallScope(size, limit) };
  }

  /** The node's row if it exists and the caller may see it; not found otherwise, alike. */
  private async visibleRow(access: CallerAccess, id: string): Promise<HierarchyNode> {
    const node = await this.rows().findById(id);
    if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
    assertVisible(access, toSnapshot(node));
    return node;
  }

  async visibleNode(access: CallerAccess, id: string): Promise<NodeSnapshot> {
    return toSnapshot(await this.visibleRow(access, id));
  }

  async get(access: CallerAccess, id: string): Promise<VisibleNode> {
    return visibleFields(access, await this.visibleNode(access, id));
  }

  async list(access: CallerAccess, query: ListNodesQuery): Promise<Page<VisibleNode>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await this.rows().list({
      scope: await this.scope(access, limit),
      parentId: query.parentId,
      level: query.level,
      q: query.q,
      includeArchived: query.includeArchived === 'true',
      afterKey: after?.k,
      limit: limit + 1,
    });
    return this.paged(access, rows, limit);
  }

  /** The breadcrumb: every ancestor from the organization down to the parent; those out of scope by title only. */
  async ancestors(
    access: CallerAccess,
    id: string,
  ): Promise<{ items: (VisibleNode | RestrictedAncestor)[] }> {
    const node = await this.visibleNode(access, id);
    const nodes = await this.rows().findByIds(node.path.slice(0, -1));
    return {
      items: nodes.map((ancestor) => {
        const snapshot = toSnapshot(ancestor);
        return canSee(access, snapshot)
          ? visibleFields(access, snapshot)
          : { id: snapshot.id, level: snapshot.level, title: snapshot.title, restricted: true as const };
      }),
    };
  }

  async children(access: CallerAccess, id: string, query: ChildrenQuery): Promise<Page<VisibleNode>> {
    await this.visibleNode(access, id);
    return this.list(access, { ...query, parentId: id });
  }

  async subtree(access: CallerAccess, id: string, query: SubtreeQuery): Promise<Page<VisibleNode>> {
    const node = await this.visibleRow(access, id);
    const limit = query.limit ?? 500;
    const rows = await this.rows().subtree(node, {
      scope: await this.scope(access, limit),
      level: query.level,
      measureKind: query.kind,
      businessUnit: query.businessUnit,
      q: query.q,
      includeArchived: query.includeArchived === 'true',
      afterKey: decodeCursor(query.cursor, cursorSchema)?.k,
      limit: limit + 1,
    });
    return this.paged(access, rows, limit);
  }

  /** The audit history opens only through view-audit (domain §6, §7). */
  async history(access: CallerAccess, id: string) {
    const node = await this.visibleNode(access, id);
    assertMay(access, 'view-audit', node, 'history-audit', 'AuditRecord');
    const records = await this.uow.auditTrail.history(this.uow.sqlReader(), 'node', id);
    return {
      items: records.map((r) => ({
        id: r.id,
        occurredAt: r.occurred_at.toISOString(),
        actor: r.actor,
        action: r.action,
        changes: r.changes,
        correlationId: r.correlation_id,
        cause: r.cause,
      })),
    };
  }
}
