import { describe, expect, it } from 'vitest';
import { fetchRole, viewFor } from '../../client/sync/serverRole.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
}

function answering(status: number, body: unknown): typeof fetch {
  return (async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
}
const unreachable = (async () => {
  throw new TypeError('Failed to fetch');
}) as typeof fetch;

describe('viewFor', () => {
  it('gives the board only to the roles that may edit', () => {
    expect(viewFor('board', 'chair')).toBe('board');
    expect(viewFor('board', 'secretary')).toBe('board');
    expect(viewFor('board', 'delegate')).toBe('follow');
    expect(viewFor('board', 'screen')).toBe('room');
  });

  it('keeps the read-only views for any role that can read them', () => {
    expect(viewFor('follow', 'chair')).toBe('follow');
    expect(viewFor('follow', 'screen')).toBe('follow');
    expect(viewFor('room', 'screen')).toBe('room');
    expect(viewFor('room', 'delegate')).toBe('follow');
  });
});

describe('fetchRole', () => {
  it('takes the role the server answers, sending the token as a bearer', async () => {
    let auth = '';
    const f = (async (_url: string, init?: RequestInit) => {
      auth = new Headers(init?.headers).get('authorization') ?? '';
      return new Response(JSON.stringify({ role: 'delegate', meetingId: 'm1', title: 'SA#110' }), { status: 200 });
    }) as typeof fetch;
    const r = await fetchRole('m1', 'TOKEN-1', memoryStorage(), f);
    expect(auth).toBe('Bearer TOKEN-1');
    expect(r).toEqual({ state: 'ok', answer: { role: 'delegate', meetingId: 'm1', title: 'SA#110' }, cached: false });
  });

  it('says the link is revoked on 401 and unknown on 404', async () => {
    expect(await fetchRole('m1', 't', memoryStorage(), answering(401, { error: 'no' }))).toMatchObject({ state: 'refused', message: expect.stringMatching(/revoked/) });
    expect(await fetchRole('m1', 't', memoryStorage(), answering(404, { error: 'no' }))).toMatchObject({ state: 'refused', message: expect.stringMatching(/no meeting/) });
  });

  it('refuses an answer with a role it does not know', async () => {
    expect(await fetchRole('m1', 't', memoryStorage(), answering(200, { role: 'admin' }))).toMatchObject({ state: 'unreachable' });
  });

  it('offline, uses the role the server gave this token before, and nothing else', async () => {
    const s = memoryStorage();
    expect(await fetchRole('m1', 't', s, unreachable)).toMatchObject({ state: 'unreachable' });
    await fetchRole('m1', 't', s, answering(200, { role: 'secretary', meetingId: 'm1', title: 'x' }));
    expect(await fetchRole('m1', 't', s, unreachable)).toMatchObject({ state: 'ok', cached: true, answer: { role: 'secretary' } });
    expect(await fetchRole('m1', 'other-token', s, unreachable)).toMatchObject({ state: 'unreachable' });
  });
});
