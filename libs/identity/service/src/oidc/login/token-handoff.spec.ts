import { bindingFromCookieHeader, bindingSetCookie, BINDING_COOKIE, newBinding } from './browser-binding';
import { tokenFragment, wantsJson } from './token-handoff';

describe('the hand-over of SSO tokens', () => {
  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/json', true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false],
    ['application/json, text/html', true],
    ['text/html, application/json', false],
  ])('Accept %p asks for JSON: %p', (accept, expected) => {
    expect(wantsJson(accept)).toBe(expected);
  });

  it('puts the token pair in a fragment with the names the JSON API uses', () => {
    const fragment = new URLSearchParams(
      tokenFragment({ accessToken: 'a.b.c', refreshToken: 'r+/=', expiresIn: 600 }),
    );
    expect(Object.fromEntries(fragment)).toEqual({
      accessToken: 'a.b.c',
      refreshToken: 'r+/=',
      expiresIn: '600',
      tokenType: 'Bearer',
    });
  });
});

describe('the browser binding cookie', () => {
  it('reads its own cookie among others and ignores malformed values', () => {
    const value = newBinding();
    expect(bindingFromCookieHeader(`a=1; ${BINDING_COOKIE}=${value}; b=2`)).toBe(value);
    expect(bindingFromCookieHeader(`${BINDING_COOKIE}=short`)).toBeUndefined();
    expect(bindingFromCookieHeader(undefined)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Lax, scoped to the OIDC routes, and Secure on https', () => {
    expect(bindingSetCookie('v', true)).toBe(
      `${BINDING_COOKIE}=v; Path=/api/identity/auth/oidc; Max-Age=3600; HttpOnly; SameSite=Lax; Secure`,
    );
    expect(bindingSetCookie('v', false)).not.toContain('Secure');
  });
});
