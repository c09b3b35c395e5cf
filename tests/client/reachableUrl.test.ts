import { describe, expect, it } from 'vitest';
import { unreachableReason } from '../../client/model/reachableUrl.js';

describe('unreachableReason', () => {
  it('flags loopback addresses and names no phone can reach', () => {
    for (const u of [
      'http://127.0.0.1:8080/m/x/delegate-follow?token=t',
      'http://127.1.2.3/m/x',
      'http://localhost:8080/m/x',
      'http://app.localhost/m/x',
      'http://[::1]:8080/m/x',
      'http://0.0.0.0:8080/m/x',
      'http://meeting-laptop:8080/m/x',
      'not a url',
    ]) {
      expect(unreachableReason(u), u).not.toBeNull();
    }
  });

  it('accepts LAN addresses, IPv6 and real names', () => {
    for (const u of ['http://192.168.1.20:8080/m/x', 'http://10.0.0.5/m/x', 'https://plenary.example.org/m/x', 'http://[fe80::1]:8080/m/x', 'http://laptop.local:8080/m/x']) {
      expect(unreachableReason(u), u).toBeNull();
    }
  });

  it('says why in words a chair understands', () => {
    expect(unreachableReason('http://127.0.0.1:8080/x')).toMatch(/loopback/);
    expect(unreachableReason('http://meeting-laptop/x')).toMatch(/machine name/);
  });
});
