import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { decodeCursor, encodeCursor, InjectUnitOfWork, type Page } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { emSqlClient } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import type { ChildrenQuery, ListNodesQuery, SubtreeQuery } from './dto/node.dto';
import type { HierarchyNode } from './node.entity';
import { toSnapshot } from './node.mapper';
import { NodeRows } from './node.rows';

const cursorSchema = z.strictObject({ k: z.string().min(1).max(40) });

/** Keyset pages on the node key: one row more than the page tells whether there is a next one. */
function paged(rows: HierarchyNode[], limit: number): Page<NodeSnapshot> {
  const items = rows.slice(0, limit).map(toSnapshot);
  return rows.length > limit
    ? { items, nextCursor: encodeCursor({ k: items[items.length - 1].key }) }
    : { items };
}

@Injectable()
export class NodeQueries {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  /** Read-only listings skip the ORM's identity map (docs/benchmarks.md, subtree). */
  private rows(): NodeRows {
    return new NodeRows(this.uow.sqlReader(), HIERARCHY_SCHEMA);
  }

  async get(id: string): Promise<NodeSnapshot> {
    const node = await this.rows().findById(id);
    if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
    return toSnapshot(node);
  }

  async list(query: ListNodesQuery): Promise<Page<NodeSnapshot>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await this.rows().list({
      parentId: query.parentId,
      level: query.level,
      q: query.q,
      includeArchived: query.includeArchived === 'true',
      afterKey: after?.k,
      limit: limit + 1,
    });
    return paged(rows, limit);
  }

  /** The breadcrumb: every ancestor from the organization down to the parent. */
  async ancestors(id: string): Promise<{ items: NodeSnapshot[] }> {
    const nodes = this.rows();
    const node = await nodes.findById(id);
    if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
    return { items: (await nodes.ancestors(node)).map(toSnapshot) };
  }

  async children(id: string, query: ChildrenQuery): Promise<Page<NodeSnapshot>> {
    await this.get(id);
    return this.list({ ...query, parentId: id });
  }

  async subtree(id: string, query: SubtreeQuery): Promise<Page<NodeSnapshot>> {
    const nodes = this.rows();
    const node = await nodes.findById(id);
    if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
    const limit = query.limit ?? 500;
    const rows = await nodes.subtree(node, {
      level: query.level,
      measureKind: query.kind,
      businessUnit: query.businessUnit,
      q: query.q,
      includeArchived: query.includeArchived === 'true',
      afterKey: decodeCursor(query.cursor, cursorSchema)?.k,
      limit: limit + 1,
    });
    return paged(rows, limit);
  }

  async history(id: string) {
    await this.get(id);
    const records = await this.uow.auditTrail.history(emSqlClient(this.uow.reader()), 'node', id);
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
