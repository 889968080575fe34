import { readSsoClaims } from './sso-claims';

describe('readSsoClaims', () => {
  it('takes e-mail, name and groups from UserInfo when the ID token has only the subject', () => {
    const claims = readSsoClaims(
      { sub: 'abc', amr: ['pwd', 'mfa'] },
      { sub: 'abc', email: 'Ada@Acme.TEST', email_verified: true, name: 'Ada L', groups: ['eng', 'eng', 7] },
      'groups',
    );
    expect(claims).toEqual({
      subject: 'abc',
      email: 'ada@acme.test',
      emailVerified: true,
      displayName: 'Ada L',
      groups: ['eng'],
      amr: ['pwd', 'mfa'],
    });
  });

  it('prefers the ID token, and never takes amr from UserInfo', () => {
    const claims = readSsoClaims(
      { sub: 'abc', email: 'id@acme.test' },
      { sub: 'abc', email: 'info@acme.test', amr: ['mfa'] },
      'groups',
    );
    expect(claims.email).toBe('id@acme.test');
    expect(claims.amr).toEqual([]);
  });

  it('counts only a boolean true as a verified address', () => {
    expect(
      readSsoClaims({ sub: 'a', email: 'a@b.c', email_verified: 'true' }, {}, 'groups').emailVerified,
    ).toBe(false);
    expect(readSsoClaims({ sub: 'a', email: 'a@b.c' }, {}, 'groups').emailVerified).toBe(false);
  });

  it('reads the configured group claim, a single string as one group', () => {
    expect(readSsoClaims({ sub: 'a', roles: 'admins' }, {}, 'roles').groups).toEqual(['admins']);
    expect(readSsoClaims({ sub: 'a', groups: ['x'] }, {}, 'roles').groups).toEqual([]);
  });

  it('falls back from name to given and family name, user name, then the e-mail', () => {
    expect(readSsoClaims({ sub: 'a', given_name: 'Ada', family_name: 'L' }, {}, 'g').displayName).toBe(
      'Ada L',
    );
    expect(readSsoClaims({ sub: 'a', preferred_username: 'ada' }, {}, 'g').displayName).toBe('ada');
    expect(readSsoClaims({ sub: 'a', email: 'ada@x.y' }, {}, 'g').displayName).toBe('ada');
    expect(readSsoClaims({ sub: 'a' }, {}, 'g').displayName).toBe('Single sign-on user');
  });
});
