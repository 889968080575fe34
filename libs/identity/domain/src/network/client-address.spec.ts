import { clientAddress, TrustedProxies } from './client-address';

describe('client address', () => {
  const proxies = new TrustedProxies(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', '198.51.100.1', new TrustedProxies([]))).toBe('203.0.113.9');
  });

  it('takes the rightmost address that is not a trusted proxy', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.1', proxies)).toBe('198.51.100.1');
    // The client forged the left entry; the trusted proxy appended the real one.
    expect(clientAddress('10.1.2.3', '1.1.1.1, 198.51.100.1, 10.9.9.9', proxies)).toBe('198.51.100.1');
  });

  it('treats an IPv4-mapped IPv6 peer as its IPv4 address', () => {
    expect(clientAddress('::ffff:127.0.0.1', '198.51.100.7', proxies)).toBe('198.51.100.7');
    expect(clientAddress('::ffff:203.0.113.5', undefined, proxies)).toBe('203.0.113.5');
  });

  it('stops at a malformed hop instead of believing what is left of it', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.1, garbage', proxies)).toBe('10.1.2.3');
  });

  it('refuses configuration entries that are not addresses or ranges', () => {
    expect(() => new TrustedProxies(['10.0.0.0/33'])).toThrow(/invalid prefix/);
    expect(() => new TrustedProxies(['proxy.local'])).toThrow(/not an IP address/);
  });
});
