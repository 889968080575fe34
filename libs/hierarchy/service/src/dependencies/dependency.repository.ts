import type { EntityManager } from '@mikro-orm/postgresql';

/** Measure dependencies: successor depends on predecessor. A plain edge table; cycles are refused on insert. */
export class DependencyRepository {
  private readonly table: string;

  constructor(
    private readonly em: EntityManager,
    schema: string,
  ) {
    this.table = `"${schema}".measure_dependency`;
  }

  private execute<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.em.getConnection().execute<T[]>(sql, params, 'all', this.em.getTransactionContext());
  }

  /**
   * Serialises dependency changes of the whole service for the rest of the transaction: two concurrent
   * inserts could otherwise each pass the cycle check and close a cycle together. Edits are rare.
   */
  async lockGraph(): Promise<void> {
    await this.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`${this.table}:graph`]);
  }

  /** True when `from` already depends, directly or transitively, on `to`. */
  async dependsOn(from: string, to: string): Promise<boolean> {
    const rows = await this.execute<{ found: boolean }>(
      `with recursive upstream(id) as (
         select predecessor_id from ${this.table} where successor_id = ?
         union
         select d.predecessor_id from ${this.table} d join upstream u on d.successor_id = u.id
       )
       select exists (select 1 from upstream where id = ?) as found`,
      [from, to],
    );
    return rows[0].found;
  }

  /** Inserts an edge; false when it already existed. */
  async add(successorId: string, predecessorId: string, actor: string): Promise<boolean> {
    const rows = await this.execute(
      `insert into ${this.table} (successor_id, predecessor_id, created_at, created_by)
       values (?, ?, now(), ?) on conflict do nothing returning successor_id`,
      [successorId, predecessorId, actor],
    );
    return rows.length > 0;
  }

  async remove(successorId: string, predecessorId: string): Promise<boolean> {
    const rows = await this.execute(
      `delete from ${this.table} where successor_id = ? and predecessor_id = ? returning successor_id`,
      [successorId, predecessorId],
    );
    return rows.length > 0;
  }

  async predecessorsOf(id: string): Promise<string[]> {
    const rows = await this.execute<{ id: string }>(
      `select predecessor_id as id from ${this.table} where successor_id = ? order by created_at`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  async successorsOf(id: string): Promise<string[]> {
    const rows = await this.execute<{ id: string }>(
      `select successor_id as id from ${this.table} where predecessor_id = ? order by created_at`,
      [id],
    );
    return rows.map((r) => r.id);
  }
}
