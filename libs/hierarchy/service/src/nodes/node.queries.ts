import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { NodeSnapshot } from '@steerco/contracts';
import { HierarchyErrors } from '@steerco/hierarchy-domain';
import { decodeCursor, encodeCursor, InjectUnitOfWork, type Page } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { emSqlClient } from '@steerco/platform-persistence';
import { HIERARCHY_SCHEMA } from '../hierarchy.constants';
import type { ListNodesQuery } from './dto/node.dto';
import { toSnapshot } from './node.mapper';
import { NodeRepository } from './node.repository';

const cursorSchema = z.strictObject({ k: z.string().min(1).max(40) });

@Injectable()
export class NodeQueries {
  constructor(@InjectUnitOfWork(HIERARCHY_SCHEMA) private readonly uow: UnitOfWork) {}

  async get(id: string): Promise<NodeSnapshot> {
    const node = await new NodeRepository(this.uow.reader(), HIERARCHY_SCHEMA).findById(id);
    if (!node) throw HierarchyErrors.NODE_NOT_FOUND(`No node ${id}.`);
    return toSnapshot(node);
  }

  async list(query: ListNodesQuery): Promise<Page<NodeSnapshot>> {
    const limit = query.limit ?? 50;
    const after = decodeCursor(query.cursor, cursorSchema);
    const rows = await new NodeRepository(this.uow.reader(), HIERARCHY_SCHEMA).list({
      parentId: query.parentId,
      level: query.level,
      q: query.q,
      includeArchived: query.includeArchived === 'true',
      afterKey: after?.k,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit).map(toSnapshot);
    return rows.length > limit
      ? { items, nextCursor: encodeCursor({ k: items[items.length - 1].key }) }
      : { items };
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
