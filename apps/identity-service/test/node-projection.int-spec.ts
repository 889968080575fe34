import { nodeCreatedV1, nodeUpdatedV1 } from '@steerco/contracts';
import { HierarchyEvents } from './support/hierarchy-events';
import { ADMIN_EMAIL, startIdentityApp, type IdentityApp } from './support/identity-app';

/**
 * Identity's copy of the work tree, fed by steerco.hierarchy.node.v1 on the bus. Events are ordered per node
 * only, so the projection must converge whatever order nodes' events arrive in.
 */
describe('node projection (hierarchy events consumed by identity)', () => {
  let t: IdentityApp;
  let hierarchy: HierarchyEvents;

  beforeAll(async () => {
    t = await startIdentityApp();
    hierarchy = new HierarchyEvents(t);
  });
  afterAll(() => t?.close());

  const projected = async (id: string) =>
    (await t.pg.query(`select path, archived, version from identity.node_projection where id = $1`, [id]))
      .rows[0];

  it('moves the whole subtree when a node moves', async () => {
    const org = await hierarchy.create('organization');
    const from = await hierarchy.create('portfolio', org);
    const to = await hierarchy.create('portfolio', org);
    const program = await hierarchy.create('program', from);
    const project = await hierarchy.create('project', program);
    const measurePackage = await hierarchy.create('measurePackage', project);
    await hierarchy.move(program, to);
    expect((await projected(project.id)).path).toEqual([org.id, to.id, program.id, project.id]);
    expect((await projected(measurePackage.id)).path).toEqual([
      org.id,
      to.id,
      program.id,
      project.id,
      measurePackage.id,
    ]);
    expect((await projected(from.id)).path).toEqual([org.id, from.id]);
  });

  it("places a child created before its parent's move, whose event arrives after it, under the moved parent", async () => {
    const org = await hierarchy.create('organization');
    const from = await hierarchy.create('portfolio', org);
    const to = await hierarchy.create('portfolio', org);
    const program = await hierarchy.create('program', from);
    const staleChildPath = [...program.path, '7f8c2f5e-3b1a-4c2d-9e8f-0a1b2c3d4e5f'];
    await hierarchy.move(program, to);
    await hierarchy.publish(nodeCreatedV1, {
      ...program,
      id: staleChildPath[3],
      level: 'project',
      parentId: program.id,
      path: staleChildPath,
      version: 1,
    });
    expect((await projected(staleChildPath[3])).path).toEqual([org.id, to.id, program.id, staleChildPath[3]]);
  });

  it('keeps archiving and ignores an older state replayed after a newer one', async () => {
    const org = await hierarchy.create('organization');
    const archived = await hierarchy.archive(await hierarchy.create('portfolio', org));
    expect(await projected(archived.id)).toMatchObject({ archived: true, version: 2 });
    await hierarchy.publish(nodeUpdatedV1, { ...archived, archived: false, version: 1 }, { changes: {} });
    expect(await projected(archived.id)).toMatchObject({ archived: true, version: 2 });
  });

  it('makes the creator of an organization its org admin, granted by the system with its event and audit record', async () => {
    const { rows } = await t.pg.query(`select id from identity.user_account where email = $1`, [ADMIN_EMAIL]);
    const adminId = rows[0].id as string;
    const org = await hierarchy.create('organization', undefined, 'Created by the admin', adminId);
    const granted = await t.pg.query(
      `select role_id from identity.role_assignment where user_id = $1 and node_id = $2`,
      [adminId, org.id],
    );
    expect(granted.rows).toEqual([{ role_id: 'org-admin' }]);
    const events = await t.pg.query(
      `select type from identity.outbox_event where type = 'steerco.identity.assignment.granted.v1' and payload->'assignment'->>'nodeId' = $1`,
      [org.id],
    );
    expect(events.rowCount).toBe(1);
    // Nodes below it, or an organization created by no user of this installation, grant nothing.
    const portfolio = await hierarchy.create('portfolio', org, 'P', adminId);
    const foreign = await hierarchy.create('organization', undefined, 'By a tool');
    const none = await t.pg.query(
      `select count(*)::int as n from identity.role_assignment where node_id = any($1::uuid[])`,
      [[portfolio.id, foreign.id]],
    );
    expect(none.rows[0].n).toBe(0);
  });
});
