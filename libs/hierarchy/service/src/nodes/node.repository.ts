import { type EntityManager, LockMode, raw } from '@mikro-orm/postgresql';
import { HierarchyNode } from './node.entity';

export class NodeRepository {
  constructor(
    private readonly em: EntityManager,
    private readonly schema: string,
  ) {}

  findById(id: string): Promise<HierarchyNode | null> {
    return this.em.findOne(HierarchyNode, { id });
  }

  /** Nodes by id, in the order of `ids`. */
  async findByIds(ids: string[]): Promise<HierarchyNode[]> {
    if (ids.length === 0) return [];
    const found = await this.em.find(HierarchyNode, { id: { $in: ids } });
    return ids.map((id) => found.find((n) => n.id === id)).filter((n): n is HierarchyNode => n !== undefined);
  }

  /** Locks the row for the rest of the transaction: the version check and the write cannot interleave. */
  findForUpdate(id: string): Promise<HierarchyNode | null> {
    return this.em.findOne(HierarchyNode, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }

  /** Active descendants, locked: archiving must not race a change below the node. */
  activeDescendantsForUpdate(node: HierarchyNode): Promise<HierarchyNode[]> {
    return this.em.find(
      HierarchyNode,
      {
        [raw((alias) => `${alias}.path <@ ?::ltree and ${alias}.id <> ?`, [node.path, node.id])]: [],
        archived: false,
      },
      { orderBy: { path: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
  }

  /** Re-roots the paths of a whole subtree in one statement; returns how many descendants moved with it. */
  async rewriteSubtreePaths(oldPath: string, newPath: string): Promise<number> {
    const rows = await this.em.getConnection().execute<{ n: string }[]>(
      `with moved as (
         update "${this.schema}".node
            set path = ?::ltree || subpath(path, nlevel(?::ltree))
          where path <@ ?::ltree and path <> ?::ltree
          returning 1)
       select count(*) as n from moved`,
      [newPath, oldPath, oldPath, oldPath],
      'all',
      this.em.getTransactionContext(),
    );
    return Number(rows[0].n);
  }
}
