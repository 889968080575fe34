import type { NodeSnapshot } from '@steerco/contracts';
import { createRole, grant, newUser, ROLE_MANAGER_GRANTS } from './support/access';
import { HierarchyEvents } from './support/hierarchy-events';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer } from './support/sessions';

interface Assignment {
  id: string;
  userId: string;
  nodeId: string;
  nodePath: string[];
  version: number;
  validUntil: string | null;
}

/**
 * Role assignments over HTTP, against a node projection fed by real hierarchy events on the bus: every check
 * with its own problem code, exactly one event and one audit record per change, scoped lists, moves.
 */
describe('role assignments (identity service over HTTP)', () => {
  let t: IdentityApp;
  let admin: string;
  let hierarchy: HierarchyEvents;
  let org: NodeSnapshot;
  let programA: NodeSnapshot;
  let programB: NodeSnapshot;
  let project: NodeSnapshot;
  let measure: NodeSnapshot;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = (await adminFirstLogin(t)).tokens.accessToken;
    hierarchy = new HierarchyEvents(t);
    org = await hierarchy.create('organization');
    const portfolio = await hierarchy.create('portfolio', org);
    programA = await hierarchy.create('program', portfolio, 'A');
    programB = await hierarchy.create('program', portfolio, 'B');
    project = await hierarchy.create('project', programA);
    const pkg = await hierarchy.create('measurePackage', project);
    measure = await hierarchy.create('measure', pkg);
  });
  afterAll(() => t?.close());

  const count = async (sql: string, params: unknown[]) => Number((await t.pg.query(sql, params)).rows[0].n);
  const assignmentVersion = async (userId: string) =>
    (await t.pg.query(`select assignment_version from identity.user_account where id = $1`, [userId])).rows[0]
      .assignment_version as number;

  it('grants a role: 201 with the node path, one assignmentGranted event keyed by the user, one audit record', async () => {
    const user = await newUser(t, admin, 'grantee');
    const before = await assignmentVersion(user.id);
    const response = await grant(t, admin, { userId: user.id, roleId: 'viewer', nodeId: project.id });
    expect(response.status).toBe(201);
    const assignment = response.json<Assignment>();
    expect(assignment).toMatchObject({
      userId: user.id,
      roleId: 'viewer',
      nodePath: project.path,
      version: 1,
    });
    const events = await t.pg.query(
      `select type, key, aggregate_version, payload from identity.outbox_event where topic = 'steerco.identity.assignment.v1' and key = $1`,
      [user.id],
    );
    expect(events.rows).toEqual([
      {
        type: 'steerco.identity.assignment.granted.v1',
        key: user.id,
        aggregate_version: String(before + 1),
        payload: { assignment: { ...assignment, nodePath: undefined } },
      },
    ]);
    expect(
      await count(`select count(*) as n from identity.audit_record where object_id = $1`, [assignment.id]),
    ).toBe(1);
    expect(await assignmentVersion(user.id)).toBe(before + 1);
  });

  it('revokes: 204, one assignmentRevoked event, one more audit record, version bumped', async () => {
    const user = await newUser(t, admin, 'revokee');
    const assignment = (
      await grant(t, admin, { userId: user.id, roleId: 'viewer', nodeId: org.id })
    ).json<Assignment>();
    const version = await assignmentVersion(user.id);
    const revoked = await t.call('DELETE', `/api/identity/role-assignments/${assignment.id}`, {
      headers: bearer(admin),
    });
    expect(revoked.status).toBe(204);
    const types = (
      await t.pg.query(
        `select type from identity.outbox_event where key = $1 and topic like '%assignment%' order by seq`,
        [user.id],
      )
    ).rows.map((r) => r.type);
    expect(types).toEqual([
      'steerco.identity.assignment.granted.v1',
      'steerco.identity.assignment.revoked.v1',
    ]);
    const audit = await t.pg.query(
      `select action from identity.audit_record where object_id = $1 order by occurred_at`,
      [assignment.id],
    );
    expect(audit.rows).toEqual([{ action: 'granted' }, { action: 'revoked' }]);
    expect(await assignmentVersion(user.id)).toBe(version + 1);
    expect(
      (await t.call('GET', `/api/identity/role-assignments/${assignment.id}`, { headers: bearer(admin) }))
        .status,
    ).toBe(404);
  });

  it('refuses each invalid grant with its own code and records nothing', async () => {
    const user = await newUser(t, admin, 'checked');
    const disabled = await newUser(t, admin, 'gone');
    await t.call('POST', `/api/identity/users/${disabled.id}/disable`, { headers: bearer(admin) });
    const archived = await hierarchy.archive(await hierarchy.create('project', programB));
    const cases: [object, number, string][] = [
      [
        { userId: user.id, roleId: 'viewer', nodeId: '00000000-0000-4000-8000-000000000000' },
        422,
        'IDENTITY.NODE_UNKNOWN',
      ],
      [{ userId: user.id, roleId: 'viewer', nodeId: archived.id }, 422, 'IDENTITY.NODE_ARCHIVED'],
      [
        { userId: '00000000-0000-4000-8000-000000000000', roleId: 'viewer', nodeId: org.id },
        422,
        'IDENTITY.ASSIGNEE_UNKNOWN',
      ],
      [{ userId: disabled.id, roleId: 'viewer', nodeId: org.id }, 422, 'IDENTITY.ASSIGNEE_DISABLED'],
      [{ userId: user.id, roleId: 'astronaut', nodeId: org.id }, 422, 'IDENTITY.ROLE_UNKNOWN'],
      [{ userId: user.id, roleId: 'external', nodeId: org.id }, 422, 'IDENTITY.VALID_UNTIL_REQUIRED'],
      [
        { userId: user.id, roleId: 'external', nodeId: org.id, validUntil: '2020-01-01T00:00:00Z' },
        422,
        'IDENTITY.VALID_UNTIL_PAST',
      ],
    ];
    for (const [body, status, code] of cases) {
      const response = await t.call('POST', '/api/identity/role-assignments', {
        headers: bearer(admin),
        body,
      });
      expect([response.status, response.json().code]).toEqual([status, code]);
    }
    expect(
      await count(`select count(*) as n from identity.role_assignment where user_id = $1`, [user.id]),
    ).toBe(0);
  });

  it('refuses a controller where the user owns measures (segregation of duties), naming the rule', async () => {
    const user = await newUser(t, admin, 'owner-controller');
    expect(
      (await grant(t, admin, { userId: user.id, roleId: 'measure-owner', nodeId: measure.id })).status,
    ).toBe(201);
    const refused = await grant(t, admin, { userId: user.id, roleId: 'controller', nodeId: project.id });
    expect(refused.status).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'AUTHZ.SOD_CONFLICTING_ROLES' });
    expect(refused.json<{ detail: string }>().detail).toContain(
      'a controller cannot own a measure they control',
    );
    // Another branch of the tree does not overlap: allowed.
    expect(
      (await grant(t, admin, { userId: user.id, roleId: 'controller', nodeId: programB.id })).status,
    ).toBe(201);
  });

  it('refuses assigning a role to oneself', async () => {
    const adminId = (await t.call('GET', '/api/identity/me', { headers: bearer(admin) })).json<{
      id: string;
    }>().id;
    const self = await grant(t, admin, { userId: adminId, roleId: 'viewer', nodeId: org.id });
    expect(self.status).toBe(422);
    expect(self.json()).toMatchObject({ code: 'AUTHZ.SOD_SELF_ASSIGNMENT' });
  });

  describe('a manager of program A', () => {
    let manager: Awaited<ReturnType<typeof newUser>>;
    let managerToken: string;
    let inA: Assignment;
    let inB: Assignment;
    let colleague: Awaited<ReturnType<typeof newUser>>;

    beforeAll(async () => {
      manager = await newUser(t, admin, 'program-a-manager');
      colleague = await newUser(t, admin, 'colleague');
      const role = (
        await createRole(t, admin, { name: 'Program role manager', grants: ROLE_MANAGER_GRANTS })
      ).json<{
        id: string;
      }>();
      await grant(t, admin, { userId: manager.id, roleId: role.id, nodeId: programA.id });
      managerToken = await manager.token();
      inB = (
        await grant(t, admin, { userId: colleague.id, roleId: 'viewer', nodeId: programB.id })
      ).json<Assignment>();
    });

    it('grants what they hold inside their subtree', async () => {
      const response = await grant(t, managerToken, {
        userId: colleague.id,
        roleId: 'viewer',
        nodeId: project.id,
      });
      expect(response.status).toBe(201);
      inA = response.json<Assignment>();
    });

    it('cannot grant outside their subtree, nor more than they hold', async () => {
      const outside = await grant(t, managerToken, {
        userId: colleague.id,
        roleId: 'viewer',
        nodeId: programB.id,
      });
      expect([outside.status, outside.json().code]).toEqual([403, 'PLATFORM.FORBIDDEN']);
      const more = await grant(t, managerToken, {
        userId: colleague.id,
        roleId: 'project-manager',
        nodeId: project.id,
      });
      expect([more.status, more.json().code]).toEqual([403, 'IDENTITY.GRANT_EXCEEDS_HOLDINGS']);
    });

    it('lists the assignments in program A and their own, not those of program B', async () => {
      const list = await t.call('GET', '/api/identity/role-assignments?limit=500', {
        headers: bearer(managerToken),
      });
      const ids = list.json<{ items: Assignment[] }>().items.map((a) => a.id);
      expect(ids).toContain(inA.id);
      expect(ids).not.toContain(inB.id);
      expect(list.json<{ items: Assignment[] }>().items.every((a) => a.nodePath.includes(programA.id))).toBe(
        true,
      );
      expect(
        (await t.call('GET', `/api/identity/role-assignments/${inB.id}`, { headers: bearer(managerToken) }))
          .status,
      ).toBe(404);
      const mine = await t.call('GET', `/api/identity/role-assignments?userId=${colleague.id}`, {
        headers: bearer(await colleague.token()),
      });
      expect(
        mine
          .json<{ items: Assignment[] }>()
          .items.map((a) => a.id)
          .sort(),
      ).toEqual([inA.id, inB.id].sort());
    });

    it('changes validUntil with If-Match, and cannot revoke outside their subtree', async () => {
      const until = new Date(Date.now() + 86_400_000).toISOString();
      const changed = await t.call('PATCH', `/api/identity/role-assignments/${inA.id}`, {
        headers: { ...bearer(managerToken), 'if-match': '"1"' },
        body: { validUntil: until },
      });
      expect(changed.status).toBe(200);
      expect(changed.json()).toMatchObject({ validUntil: until, version: 2 });
      const outside = await t.call('DELETE', `/api/identity/role-assignments/${inB.id}`, {
        headers: bearer(managerToken),
      });
      expect(outside.status).toBe(404);
    });
  });

  it('follows a move: the subtree gets the new paths and its holders a new assignment version', async () => {
    const portfolio2 = await hierarchy.create('portfolio', org, 'P2');
    const program = await hierarchy.create('program', portfolio2, 'moving');
    const deep = await hierarchy.create('project', program, 'deep');
    const user = await newUser(t, admin, 'mover');
    const assignment = (
      await grant(t, admin, { userId: user.id, roleId: 'viewer', nodeId: deep.id })
    ).json<Assignment>();
    const version = await assignmentVersion(user.id);
    const target = await hierarchy.create('portfolio', org, 'P3');
    await hierarchy.move(program, target);
    const after = await t.call('GET', `/api/identity/role-assignments/${assignment.id}`, {
      headers: bearer(admin),
    });
    expect(after.json<Assignment>().nodePath).toEqual([org.id, target.id, program.id, deep.id]);
    expect(await assignmentVersion(user.id)).toBe(version + 1);
  });
});
