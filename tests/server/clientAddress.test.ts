import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress, parseTrustedProxies } from '../../server/access/clientAddress.js';
import { configFromEnv } from '../../server/main.js';

const req = (peer: string, forwarded?: string | string[]) =>
  ({ socket: { remoteAddress: peer }, headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  const proxies = new Set(parseTrustedProxies('10.0.0.1, ::1'));

  it('is the peer unless the peer is a trusted proxy', () => {
    expect(clientAddress(req('192.0.2.5', '203.0.113.7'), proxies)).toBe('192.0.2.5');
    expect(clientAddress(req('::ffff:192.0.2.5'), proxies)).toBe('192.0.2.5');
    expect(clientAddress(req('10.0.0.1'), proxies)).toBe('10.0.0.1');
  });

  it('behind trusted proxies is the right-most forwarded address that is not one of them', () => {
    expect(clientAddress(req('10.0.0.1', '198.51.100.1, 203.0.113.7'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(req('::ffff:10.0.0.1', '203.0.113.7, ::1'), proxies)).toBe('203.0.113.7');
    expect(clientAddress(req('::1', ['198.51.100.1', '2001:db8::7 , 10.0.0.1']), proxies)).toBe('2001:db8::7');
  });

  it('falls back to the peer when the header is missing, only proxies, or not addresses', () => {
    expect(clientAddress(req('10.0.0.1', ''), proxies)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '10.0.0.1, ::1'), proxies)).toBe('10.0.0.1');
    expect(clientAddress(req('10.0.0.1', '203.0.113.7, unknown'), proxies)).toBe('10.0.0.1');
  });

  it('settings: only IP addresses are taken', () => {
    expect(normaliseAddress(' ::FFFF:127.0.0.1 ')).toBe('127.0.0.1');
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(configFromEnv({ PLENARY_TRUSTED_PROXIES: '127.0.0.1,::1' }).trustedProxies).toEqual(['127.0.0.1', '::1']);
    expect(configFromEnv({}).trustedProxies).toBeUndefined();
    expect(() => configFromEnv({ PLENARY_TRUSTED_PROXIES: 'proxy.example.org' })).toThrow(/PLENARY_TRUSTED_PROXIES must list IP addresses/);
  });
});
