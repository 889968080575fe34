import { AppError } from '@steerco/platform-errors';
import { COMMON_PASSWORDS } from './common-passwords';
import { assertPasswordAcceptable, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts a long passphrase unrelated to the e-mail address', () => {
    expect(passwordProblems('amber kettle drifts north', { email: 'ann.lee@example.com' })).toEqual([]);
  });

  it('refuses fewer than 12 characters, counting code points', () => {
    expect(passwordProblems('k3ttle-drift')).toEqual([]);
    expect(passwordProblems('kettle-drft')).toEqual(['use at least 12 characters']);
    // 12 emoji are 24 UTF-16 units but 12 characters.
    expect(passwordProblems('🐢'.repeat(11))).toEqual(['use at least 12 characters']);
  });

  it('refuses the e-mail address and anything containing its name part', () => {
    const email = 'Margaret.Hamilton@example.com';
    expect(passwordProblems('margaret.hamilton@example.com', { email })).toContain(
      'do not use your e-mail address or its name part',
    );
    expect(passwordProblems('my margaret.hamilton pass', { email })).toContain(
      'do not use your e-mail address or its name part',
    );
  });

  it('refuses common passwords, also with digits or symbols around them', () => {
    expect(COMMON_PASSWORDS.size).toBe(10_000);
    expect(passwordProblems('Q1W2E3R4T5Y6')).toEqual([
      'this password is among the most common ones; choose another',
    ]);
    expect(passwordProblems('1qaz2wsx3edc')).toContain(
      'this password is among the most common ones; choose another',
    );
    expect(passwordProblems('Sunshine2024!!')).toContain(
      'this password is among the most common ones; choose another',
    );
  });

  it('throws IDENTITY.PASSWORD_REJECTED naming the field once per problem', () => {
    let error: unknown;
    try {
      assertPasswordAcceptable('password', 'body.password');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'IDENTITY.PASSWORD_REJECTED', status: 422 });
    expect((error as AppError).fields.map((f) => f.field)).toEqual(['body.password', 'body.password']);
  });
});
