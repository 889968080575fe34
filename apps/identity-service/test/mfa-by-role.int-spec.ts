import { decodeJwt } from 'jose';
import type { NodeSnapshot } from '@steerco/contracts';
import { grant, newUser, PASSWORD, sessionEnrollingMfa } from './support/access';
import { HierarchyEvents } from './support/hierarchy-events';
import { startIdentityApp, type IdentityApp } from './support/identity-app';
import { adminFirstLogin, bearer, login } from './support/sessions';

/** A second factor is mandatory for whoever holds a role that requires one (controller, org and PMO admin). */
describe('MFA required by role at login', () => {
  let t: IdentityApp;
  let admin: string;
  let project: NodeSnapshot;

  beforeAll(async () => {
    t = await startIdentityApp();
    admin = (await adminFirstLogin(t)).tokens.accessToken;
    const hierarchy = new HierarchyEvents(t);
    const org = await hierarchy.create('organization');
    project = await hierarchy.create(
      'project',
      await hierarchy.create('program', await hierarchy.create('portfolio', org)),
    );
  });
  afterAll(() => t?.close());

  it('makes a controller without TOTP enrol at login, and the controller role counts only with MFA', async () => {
    const carol = await newUser(t, admin, 'carol');
    // Logged in before the assignment: a password-only session.
    const passwordOnly = await carol.token();
    const assignment = (
      await grant(t, admin, { userId: carol.id, roleId: 'controller', nodeId: project.id })
    ).json<{
      id: string;
    }>();

    const me = await t.call('GET', '/api/identity/me', { headers: bearer(passwordOnly) });
    expect(me.json<{ assignments: { grantsNow: boolean }[] }>().assignments).toEqual([
      expect.objectContaining({ id: assignment.id, grantsNow: false }),
    ]);
    expect(me.json<{ permissions: { rules: unknown[] } }>().permissions.rules).toEqual([]);

    const next = await login(t, carol.email, PASSWORD);
    expect(next.status).toBe(200);
    expect(next.json()).toEqual({
      mfaRequired: true,
      mfaToken: expect.any(String),
      mfaEnrolmentRequired: true,
    });

    const withMfa = await sessionEnrollingMfa(t, carol.email);
    expect(decodeJwt(withMfa).amr).toEqual(expect.arrayContaining(['mfa']));
    const after = await t.call('GET', '/api/identity/me', { headers: bearer(withMfa) });
    expect(after.json<{ assignments: { grantsNow: boolean }[] }>().assignments).toEqual([
      expect.objectContaining({ grantsNow: true }),
    ]);
    expect(after.json<{ permissions: { rules: unknown[] } }>().permissions.rules.length).toBeGreaterThan(0);
  });

  it('asks nothing more of a viewer, and nothing more once the MFA role is revoked', async () => {
    const vic = await newUser(t, admin, 'vic');
    await grant(t, admin, { userId: vic.id, roleId: 'viewer', nodeId: project.id });
    expect(Object.keys((await login(t, vic.email, PASSWORD)).json())).toContain('accessToken');

    const pmo = (await grant(t, admin, { userId: vic.id, roleId: 'pmo-admin', nodeId: project.id })).json<{
      id: string;
    }>();
    expect((await login(t, vic.email, PASSWORD)).json()).toMatchObject({
      mfaRequired: true,
      mfaEnrolmentRequired: true,
    });
    await t.call('DELETE', `/api/identity/role-assignments/${pmo.id}`, { headers: bearer(admin) });
    expect(Object.keys((await login(t, vic.email, PASSWORD)).json())).toContain('accessToken');
  });
});
