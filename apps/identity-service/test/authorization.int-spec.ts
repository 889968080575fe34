// The web app reads /me with @steerco/authz; this test does what it does, so it imports the library an app
// may not import in production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  asSubject,
  BUILT_IN_ROLES,
  defineAbilityFor,
  unpackAbility,
  type PackedAbility,
  type ResolvedAssignment,
} from '@steerco/authz';
import type { NodeSnapshot } from '@steerco/contracts';
import { createRole, grant, newUser, ROLE_MANAGER_GRANTS } from './support/access';
import { HierarchyEvents } from './support/hierarchy-events';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer } from './support/sessions';

interface Me {
  id: string;
  platformAdmin: boolean;
  permissions: { rules: PackedAbility; nodes: { id: string; path: string[] }[] };
  assignments: {
    id: string;
    roleId: string;
    nodeId: string;
    nodePath: string[];
    validUntil: string | null;
    grantsNow: boolean;
  }[];
}

/** Authorization inside identity: who may manage users, what is out of scope, and what /me ships to the web app. */
describe('authorization of the identity routes', () => {
  let t: IdentityApp;
  let admin: string;
  let org: NodeSnapshot;
  let program: NodeSnapshot;
  let otherProgram: NodeSnapshot;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = (await adminFirstLogin(t)).tokens.accessToken;
    const hierarchy = new HierarchyEvents(t);
    org = await hierarchy.create('organization');
    const portfolio = await hierarchy.create('portfolio', org);
    program = await hierarchy.create('program', portfolio);
    otherProgram = await hierarchy.create('program', portfolio);
  });
  afterAll(() => t?.close());

  const deniedRecords = async (userId: string) =>
    (
      await t.pg.query(
        `select changes->'operation'->>'after' as operation from identity.audit_record
          where object_type = 'authorization' and object_id = $1 and action = 'denied' order by occurred_at`,
        [userId],
      )
    ).rows.map((r) => r.operation);

  it('marks the bootstrap admin as platform admin, and nobody else', async () => {
    const me = await t.call('GET', '/api/identity/me', { headers: bearer(admin) });
    expect(me.json()).toMatchObject({
      platformAdmin: true,
      permissions: { rules: [], nodes: [] },
      assignments: [],
    });
    const plain = await newUser(t, admin, 'plain-flag');
    const mine = await t.call('GET', '/api/identity/me', { headers: bearer(await plain.token()) });
    expect(mine.json()).toMatchObject({ platformAdmin: false });
  });

  it('refuses user management to a user without manage-roles: 403 for the action, 404 for other users', async () => {
    const plain = await newUser(t, admin, 'plain');
    const other = await newUser(t, admin, 'other');
    const token = bearer(await plain.token());
    const list = await t.call('GET', '/api/identity/users', { headers: token });
    expect([list.status, list.json().code]).toEqual([403, 'PLATFORM.FORBIDDEN']);
    expect(list.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const create = await t.call('POST', '/api/identity/users', {
      headers: token,
      body: { email: 'sneaky@acme.test', displayName: 'Sneaky' },
    });
    expect(create.status).toBe(403);
    for (const [method, path] of [
      ['GET', `/api/identity/users/${other.id}`],
      ['POST', `/api/identity/users/${other.id}/disable`],
      ['DELETE', `/api/identity/users/${other.id}/mfa`],
    ]) {
      const response = await t.call(method, path, { headers: token });
      expect([method, path, response.status, response.json().code]).toEqual([
        method,
        path,
        404,
        'IDENTITY.USER_NOT_FOUND',
      ]);
    }
    const unknown = await t.call('GET', '/api/identity/users/00000000-0000-4000-8000-000000000000', {
      headers: token,
    });
    const { correlationId: _a, instance: _b, detail: _c, ...unknownBody } = unknown.json();
    const hidden = await t.call('GET', `/api/identity/users/${other.id}`, { headers: token });
    const { correlationId: _d, instance: _e, detail: _f, ...hiddenBody } = hidden.json();
    expect(hiddenBody).toEqual(unknownBody);
    // Their own profile stays theirs to read and change.
    const own = await t.call('GET', `/api/identity/users/${plain.id}`, { headers: token });
    expect(own.status).toBe(200);
    const patched = await t.call('PATCH', `/api/identity/users/${plain.id}`, {
      headers: { ...token, 'if-match': own.headers.get('etag') as string },
      body: { displayName: 'Plain Person' },
    });
    expect(patched.status).toBe(200);
    // Setting up a second factor is for one's own account only, whoever the other is.
    const enrol = await t.call('POST', `/api/identity/users/${other.id}/mfa`, { headers: token });
    expect([enrol.status, enrol.json().code]).toEqual([403, 'IDENTITY.NOT_YOUR_ACCOUNT']);
    expect(await deniedRecords(plain.id)).toEqual([
      'user.list',
      'user.create',
      'user.read',
      'user.disable',
      'user.mfa-reset',
      'user.read',
      'user.read',
      'user.mfa-enrol',
    ]);
  });

  it('lets a role manager manage users, but not the platform admin', async () => {
    const manager = await newUser(t, admin, 'user-manager');
    const role = (await createRole(t, admin, { name: 'User manager', grants: ROLE_MANAGER_GRANTS })).json<{
      id: string;
    }>();
    await grant(t, admin, { userId: manager.id, roleId: role.id, nodeId: program.id });
    const token = bearer(await manager.token());
    expect((await t.call('GET', '/api/identity/users', { headers: token })).status).toBe(200);
    const adminId = (await t.call('GET', '/api/identity/me', { headers: bearer(admin) })).json<{
      id: string;
    }>().id;
    const disable = await t.call('POST', `/api/identity/users/${adminId}/disable`, { headers: token });
    expect([disable.status, disable.json().code]).toEqual([403, 'PLATFORM.FORBIDDEN']);
  });

  it("ships packed rules in /me that unpack to an ability answering like the server's", async () => {
    const user = await newUser(t, admin, 'packed');
    const role = (await createRole(t, admin, { name: 'Packed manager', grants: ROLE_MANAGER_GRANTS })).json<{
      id: string;
    }>();
    await grant(t, admin, { userId: user.id, roleId: role.id, nodeId: program.id });
    await grant(t, admin, { userId: user.id, roleId: 'sponsor', nodeId: org.id });
    const token = await user.token();
    const me = (await t.call('GET', '/api/identity/me', { headers: bearer(token) })).json<Me>();
    expect(me.assignments.map((a) => a.roleId).sort()).toEqual([role.id, 'sponsor'].sort());
    expect(me.permissions.nodes.map((n) => n.id).sort()).toEqual([org.id, program.id].sort());

    const client = unpackAbility(me.permissions.rules);
    // The server's ability, as defineAbilityFor builds it from the same assignments (same library, same data).
    const customRole = {
      id: role.id,
      name: 'Packed manager',
      builtIn: false,
      grants: ROLE_MANAGER_GRANTS,
      mfaRequired: false,
      timeBoxed: false,
    };
    const resolved = me.assignments.map(({ validUntil, ...a }) => ({
      ...a,
      // The API says "no end" with null, the library with an absent validUntil.
      ...(validUntil ? { validUntil } : {}),
      userId: user.id,
      role: a.roleId === 'sponsor' ? BUILT_IN_ROLES.sponsor : customRole,
    })) as unknown as ResolvedAssignment[];
    const server = defineAbilityFor({ userId: user.id }, resolved);
    const probes: [string, string, string[], string][] = [
      ['manage-roles', 'RoleAssignment', program.path, 'settings'],
      ['manage-roles', 'RoleAssignment', otherProgram.path, 'settings'],
      ['view', 'Node', otherProgram.path, 'financials-plan'],
      ['approve-gate', 'Node', program.path, 'gates-decisions'],
      ['edit', 'Node', program.path, 'overview'],
      ['view-audit', 'AuditRecord', org.path, 'history-audit'],
    ];
    const answers = (ability: typeof client) =>
      probes.map(([action, type, path, tab]) =>
        ability.can(action as never, asSubject(type as never, { path }), tab),
      );
    expect(answers(client)).toEqual(answers(server));
    expect(answers(client)).toEqual([true, false, true, true, false, true]);

    // And the identity routes decide the same way: assigning in program 1 works, in program 2 it does not.
    const colleague = await newUser(t, admin, 'packed-colleague');
    expect(
      (await grant(t, token, { userId: colleague.id, roleId: 'viewer', nodeId: program.id })).status,
    ).toBe(201);
    expect(
      (await grant(t, token, { userId: colleague.id, roleId: 'viewer', nodeId: otherProgram.id })).status,
    ).toBe(403);
  });

  it('grants nothing once an assignment has expired', async () => {
    const user = await newUser(t, admin, 'external');
    const token = await user.token();
    // Long enough for the grant and the first /me on a busy machine, short enough to wait for.
    const validUntil = new Date(Date.now() + 3_000).toISOString();
    expect(
      (await grant(t, admin, { userId: user.id, roleId: 'external', nodeId: program.id, validUntil })).status,
    ).toBe(201);
    const before = (await t.call('GET', '/api/identity/me', { headers: bearer(token) })).json<Me>();
    expect(
      unpackAbility(before.permissions.rules).can(
        'view',
        asSubject('Node', { path: program.path }),
        'overview',
      ),
    ).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(validUntil) - Date.now() + 100));
    const after = (await t.call('GET', '/api/identity/me', { headers: bearer(token) })).json<Me>();
    expect(after.permissions.rules).toEqual([]);
    expect(after.assignments).toEqual([]);
  });
});
