import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { formatNodeKey, type NodeLevel } from '@steerco/hierarchy-domain';
import { HierarchyNode } from './node.entity';

export interface NodeListFilter {
  parentId?: string;
  level?: NodeLevel;
  q?: string;
  includeArchived: boolean;
  afterKey?: string;
  limit: number;
}

export class NodeRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  findById(id: string): Promise<HierarchyNode | null> {
    return this.em.findOne(HierarchyNode, { id });
  }

  /** Locks the row for the rest of the transaction: the version check and the write cannot interleave. */
  findForUpdate(id: string): Promise<HierarchyNode | null> {
    return this.em.findOne(HierarchyNode, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  async nextKey(level: NodeLevel): Promise<string> {
    const [row] = await this.em
      .getConnection()
      .execute<{ n: string }[]>(
        `select nextval('"${this.schema}"."node_key_${level.toLowerCase()}"') as n`,
        [],
        'all',
        this.em.getTransactionContext(),
      );
    return formatNodeKey(level, Number(row.n));
  }

  /** Keyset pagination on the human key, which is unique and stable. */
  list(filter: NodeListFilter): Promise<HierarchyNode[]> {
    return this.em.find(
      HierarchyNode,
      {
        ...(filter.parentId ? { parentId: filter.parentId } : {}),
        ...(filter.level ? { level: filter.level } : {}),
        ...(filter.includeArchived ? {} : { archived: false }),
        ...(filter.afterKey ? { key: { $gt: filter.afterKey } } : {}),
        ...(filter.q
          ? {
              $or: [
                { key: { $ilike: `${escapeLike(filter.q)}%` } },
                { title: { $ilike: `%${escapeLike(filter.q)}%` } },
              ],
            }
          : {}),
      },
      { orderBy: { key: 'asc' }, limit: filter.limit },
    );
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
