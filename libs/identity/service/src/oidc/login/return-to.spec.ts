import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/portfolio/42?tab=status', '/portfolio/42?tab=status'],
    ['/a/../b', '/b'],
    ['/after#old-fragment', '/after'],
    // Percent-encoded characters stay encoded in the path: harmless, still on this site.
    ['/%0a/evil', '/%0a/evil'],
  ])('keeps the path %p as %p', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    'javascript:alert(1)',
    'relative/path',
  ])('refuses %p', (value) => {
    expect(() => safeReturnTo(value)).toThrow(
      expect.objectContaining({ code: 'IDENTITY.OIDC_RETURN_TO_REFUSED' }),
    );
  });
});
