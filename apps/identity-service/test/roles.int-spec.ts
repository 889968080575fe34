import { createRole, grant, newUser, ROLE_MANAGER_GRANTS } from './support/access';
import { HierarchyEvents } from './support/hierarchy-events';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer } from './support/sessions';

/** Roles: the built-in ones read-only, custom ones composed within the composer's holdings. */
describe('roles (identity service over HTTP)', () => {
  let t: IdentityApp;
  let admin: string;
  let hierarchy: HierarchyEvents;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = (await adminFirstLogin(t)).tokens.accessToken;
    hierarchy = new HierarchyEvents(t);
  });
  afterAll(() => t?.close());

  const eventsOf = async (subject: string) =>
    (await t.pg.query(`select type from identity.outbox_event where subject = $1 order by seq`, [subject]))
      .rows;
  const auditOf = async (objectId: string) =>
    (
      await t.pg.query(
        `select action, actor from identity.audit_record where object_id = $1 order by occurred_at`,
        [objectId],
      )
    ).rows;

  it('lists the ten built-in roles first, read-only, to any signed-in user', async () => {
    const plain = await newUser(t, admin, 'reader');
    const list = await t.call('GET', '/api/identity/roles', { headers: bearer(await plain.token()) });
    expect(list.status).toBe(200);
    const items = list.json<{ items: { id: string; builtIn: boolean; version: number | null }[] }>().items;
    // The ten roles of domain §6, written out rather than read from the library.
    const builtIn = [
      'org-admin',
      'pmo-admin',
      'sponsor',
      'program-manager',
      'project-manager',
      'measure-owner',
    ];
    builtIn.push('controller', 'team-member', 'viewer', 'external');
    expect(items.slice(0, 10).map((r) => [r.id, r.builtIn, r.version])).toEqual(
      builtIn.map((id) => [id, true, null]),
    );
    const controller = await t.call('GET', '/api/identity/roles/controller', { headers: bearer(admin) });
    expect(controller.json()).toMatchObject({ id: 'controller', mfaRequired: true, timeBoxed: false });
    const patch = await t.call('PATCH', '/api/identity/roles/controller', {
      headers: { ...bearer(admin), 'if-match': '"1"' },
      body: { name: 'Auditor' },
    });
    expect(patch.status).toBe(409);
    expect(patch.json()).toMatchObject({ code: 'IDENTITY.ROLE_BUILT_IN' });
  });

  it('creates a custom role for a platform admin: one audit record, one roleCreated event', async () => {
    const created = await createRole(t, admin, {
      name: 'Portfolio reviewer',
      description: 'Reads overviews and status',
      grants: [{ atom: 'view', tabs: ['overview', 'status'] }],
    });
    expect(created.status).toBe(201);
    const role = created.json<{ id: string }>();
    expect(role).toMatchObject({ builtIn: false, version: 1, mfaRequired: false, timeBoxed: false });
    expect(created.headers.get('etag')).toBe('"1"');
    expect(await auditOf(role.id)).toEqual([{ action: 'created', actor: expect.any(String) }]);
    expect(await eventsOf(role.id)).toEqual([{ type: 'steerco.identity.role.created.v1' }]);
  });

  it('reports every problem of a role definition at once, with the library codes', async () => {
    const invalid = await createRole(t, admin, {
      name: 'Viewer',
      grants: [
        { atom: 'teleport', tabs: ['overview'] },
        { atom: 'view', tabs: ['history-audit'] },
      ],
    });
    expect(invalid.status).toBe(422);
    const messages = invalid
      .json<{ errors: { message: string }[] }>()
      .errors.map((e) => e.message.split(':')[0]);
    expect(messages).toEqual(
      expect.arrayContaining([
        'AUTHZ.ROLE_NAME_TAKEN',
        'AUTHZ.ROLE_UNKNOWN_ATOM',
        'AUTHZ.ROLE_TAB_NOT_APPLICABLE',
      ]),
    );
  });

  it('changes a custom role with If-Match and publishes the whole role', async () => {
    const role = (
      await createRole(t, admin, { name: 'Temp', grants: [{ atom: 'view', tabs: ['overview'] }] })
    ).json<{
      id: string;
    }>();
    const stale = await t.call('PATCH', `/api/identity/roles/${role.id}`, {
      headers: { ...bearer(admin), 'if-match': '"7"' },
      body: { name: 'Temporary' },
    });
    expect(stale.status).toBe(409);
    const changed = await t.call('PATCH', `/api/identity/roles/${role.id}`, {
      headers: { ...bearer(admin), 'if-match': '"1"' },
      body: { name: 'Temporary', mfaRequired: true },
    });
    expect(changed.status).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Temporary', mfaRequired: true, version: 2 });
    expect(await eventsOf(role.id)).toEqual([
      { type: 'steerco.identity.role.created.v1' },
      { type: 'steerco.identity.role.updated.v1' },
    ]);
  });

  it('refuses composing to someone who manages no organization, and audits the refusal', async () => {
    const plain = await newUser(t, admin, 'composer');
    const refused = await createRole(t, await plain.token(), {
      name: 'Mine',
      grants: [{ atom: 'view', tabs: ['overview'] }],
    });
    expect(refused.status).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'PLATFORM.FORBIDDEN' });
    const denials = await t.pg.query(
      `select action, changes->'operation'->>'after' as operation from identity.audit_record
        where object_type = 'authorization' and object_id = $1`,
      [plain.id],
    );
    expect(denials.rows).toEqual([{ action: 'denied', operation: 'role.create' }]);
  });

  it('lets an organization manager compose only what they hold there', async () => {
    const org = await hierarchy.create('organization');
    const manager = await newUser(t, admin, 'org-manager');
    const managerRole = (
      await createRole(t, admin, { name: 'Role manager', grants: ROLE_MANAGER_GRANTS })
    ).json<{
      id: string;
    }>();
    expect(
      (await grant(t, admin, { userId: manager.id, roleId: managerRole.id, nodeId: org.id })).status,
    ).toBe(201);
    const token = await manager.token();

    const within = await createRole(t, token, {
      name: 'Overview reader',
      grants: [{ atom: 'view', tabs: ['overview'] }],
    });
    expect(within.status).toBe(201);

    const beyond = await createRole(t, token, {
      name: 'Editor',
      grants: [{ atom: 'edit', tabs: ['overview'] }],
    });
    expect(beyond.status).toBe(403);
    expect(beyond.json()).toMatchObject({
      code: 'IDENTITY.GRANT_EXCEEDS_HOLDINGS',
      errors: expect.arrayContaining([{ field: 'body.grants', message: 'edit on Node.overview' }]),
    });
  });

  it('refuses deleting a role while an assignment names it, then deletes it', async () => {
    const org = await hierarchy.create('organization');
    const holder = await newUser(t, admin, 'holder');
    const role = (
      await createRole(t, admin, { name: 'Short-lived', grants: [{ atom: 'view', tabs: ['overview'] }] })
    ).json<{
      id: string;
    }>();
    const assignment = (await grant(t, admin, { userId: holder.id, roleId: role.id, nodeId: org.id })).json<{
      id: string;
    }>();
    const inUse = await t.call('DELETE', `/api/identity/roles/${role.id}`, { headers: bearer(admin) });
    expect(inUse.status).toBe(409);
    expect(inUse.json()).toMatchObject({ code: 'IDENTITY.ROLE_IN_USE' });
    expect(
      (await t.call('DELETE', `/api/identity/role-assignments/${assignment.id}`, { headers: bearer(admin) }))
        .status,
    ).toBe(204);
    expect(
      (await t.call('DELETE', `/api/identity/roles/${role.id}`, { headers: bearer(admin) })).status,
    ).toBe(204);
    expect((await t.call('GET', `/api/identity/roles/${role.id}`, { headers: bearer(admin) })).status).toBe(
      404,
    );
    expect((await eventsOf(role.id)).map((e) => e.type)).toEqual([
      'steerco.identity.role.created.v1',
      'steerco.identity.role.deleted.v1',
    ]);
  });
});
