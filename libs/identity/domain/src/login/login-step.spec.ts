import { authenticationMethods, nextLoginStep } from './login-step';

describe('next login step', () => {
  const facts = { mustChangePassword: false, mfaEnrolled: false, mfaRequired: false };

  it('completes for a user without obligations', () => {
    expect(nextLoginStep(facts)).toBe('complete');
  });

  it('asks for a new password before anything else', () => {
    expect(nextLoginStep({ mustChangePassword: true, mfaEnrolled: true, mfaRequired: true })).toBe(
      'change-password',
    );
  });

  it('asks for a code when a second factor is set up, whether or not it is mandatory', () => {
    expect(nextLoginStep({ ...facts, mfaEnrolled: true })).toBe('verify-mfa');
    expect(nextLoginStep({ ...facts, mfaEnrolled: true, mfaRequired: true })).toBe('verify-mfa');
  });

  it('makes a user for whom it is mandatory set one up', () => {
    expect(nextLoginStep({ ...facts, mfaRequired: true })).toBe('enrol-mfa');
  });

  it('names the methods used in the amr claim', () => {
    expect(authenticationMethods(null)).toEqual(['pwd']);
    expect(authenticationMethods('otp')).toEqual(['pwd', 'otp', 'mfa']);
    expect(authenticationMethods('recovery-code')).toEqual(['pwd', 'kba', 'mfa']);
  });
});
