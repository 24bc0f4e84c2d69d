import { describe, expect, it } from 'vitest';
import { clientAddressResolver } from '../../../src/http/client-address.ts';

describe('client address behind proxies (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddressResolver({ kind: 'none' })('::ffff:192.0.2.7', '198.51.100.1')).toBe('192.0.2.7');
  });

  it('takes the address the given number of hops away', () => {
    const resolve = clientAddressResolver({ kind: 'hops', hops: 1 });
    expect(resolve('10.0.0.2', '198.51.100.1, 203.0.113.9')).toBe('203.0.113.9');
    expect(clientAddressResolver({ kind: 'hops', hops: 2 })('10.0.0.2', '198.51.100.1, 203.0.113.9')).toBe(
      '198.51.100.1',
    );
  });

  it('walks X-Forwarded-For from the right past trusted CIDRs only', () => {
    const resolve = clientAddressResolver({ kind: 'cidrs', cidrs: ['10.0.0.0/8'] });
    expect(resolve('10.0.0.2', '198.51.100.1, 10.1.2.3')).toBe('198.51.100.1');
    // A spoofed left-most entry behind an untrusted hop is not believed.
    expect(resolve('10.0.0.2', '1.2.3.4, 203.0.113.9, 10.1.2.3')).toBe('203.0.113.9');
    expect(resolve('192.0.2.50', '198.51.100.1')).toBe('192.0.2.50');
  });
});
