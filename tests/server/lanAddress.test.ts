import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { isWildcardHost, lanAddress, linkBase } from '../../server/http/lanAddress.js';
import { ROOT_DIR } from '../../server/main.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false): NetworkInterfaceInfo =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as unknown as NetworkInterfaceInfo;

const ROOM = {
  lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
  docker0: [nic('169.254.10.1', 'IPv4')],
  wlan0: [nic('fe80::1', 'IPv6'), nic('192.168.1.20', 'IPv4')],
};

describe('links on the room network', () => {
  it('takes the first non-internal IPv4 address, link-local only as a last resort', () => {
    expect(lanAddress(ROOM)).toBe('192.168.1.20');
    expect(lanAddress({ lo: ROOM.lo, docker0: ROOM.docker0 })).toBe('169.254.10.1');
    expect(lanAddress({ lo: ROOM.lo })).toBeUndefined();
    expect(isWildcardHost('0.0.0.0')).toBe(true);
    expect(isWildcardHost('::')).toBe(true);
    expect(isWildcardHost('127.0.0.1')).toBe(false);
  });

  it('builds link bases: PUBLIC_URL first, then the LAN address for a server on every interface', () => {
    expect(linkBase({ publicUrl: 'https://board.example.org/', host: '0.0.0.0', port: 8080, interfaces: ROOM })).toBe('https://board.example.org');
    expect(linkBase({ host: '0.0.0.0', port: 8080, interfaces: ROOM })).toBe('http://192.168.1.20:8080');
    expect(linkBase({ host: '0.0.0.0', port: 8080, interfaces: { lo: ROOM.lo } })).toBe('http://0.0.0.0:8080');
    expect(linkBase({ host: '127.0.0.1', port: 8080, interfaces: ROOM })).toBe('http://127.0.0.1:8080');
    expect(linkBase({ host: '::1', port: 8080 })).toBe('http://[::1]:8080');
  });

  it('hands out links with the LAN address when the server listens on every interface without PUBLIC_URL', async () => {
    const ts = await startTestServer({ host: '0.0.0.0', publicUrl: undefined, interfaces: ROOM });
    const m = await createMeeting(ts);
    expect(m.links.delegate.startsWith(`http://192.168.1.20:${ts.server.port}/m/${m.id}/delegate-follow?token=`)).toBe(true);
    expect(m.links.screen).toContain(encodeURIComponent(`http://192.168.1.20:${ts.server.port}/`));
  });

  it('plenary serve --lan prints the links of the demo meeting with this machine\'s LAN address', async () => {
    const lan = lanAddress();
    const proc = spawn(process.execPath, [join(ROOT_DIR, 'bin/plenary.js'), 'serve', '--lan'], {
      cwd: ROOT_DIR,
      env: { ...process.env, PORT: '0', HOST: '', PUBLIC_URL: '', DATA_DIR: tempDir(), PLENARY_BUILD_CLIENT: '0', PLENARY_LOG_LEVEL: 'warn', PLENARY_ADMIN_TOKEN: 'x-admin' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => void proc.kill('SIGKILL'));
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    await waitFor(() => /LAN address, http|hint:/.test(out), { timeoutMs: 60_000, what: 'the links' });
    const port = /listening on http:\/\/0\.0\.0\.0:(\d+)/.exec(out)![1];
    if (lan) {
      expect(out).toMatch(new RegExp(`delegate\\s+http://${lan.replace(/\./g, '\\.')}:${port}/m/`));
      expect(out).toContain(`LAN address, http://${lan}:${port}`);
    } else {
      expect(out).toMatch(/no LAN address found/);
    }
  }, 90_000);
});
