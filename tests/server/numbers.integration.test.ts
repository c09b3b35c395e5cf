import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { reviseContribution } from '../../shared/document/contributionOps.js';
import { allocatedNumbers } from '../../shared/document/numberBlock.js';

function next(ts: TestServer, id: string, token?: string): Promise<Response> {
  return fetch(`${ts.url}/api/meetings/${id}/numbers/next`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
}

function meetingWithBlock(block?: string) {
  const meeting = sampleMeeting(2, 'SA2#160');
  meeting.meta.body = '3GPP';
  if (block) meeting.meta.numberBlock = block;
  meeting.contributions[0].number = 'S2-2400100';
  return meeting;
}

describe('POST /api/meetings/:id/numbers/next', () => {
  it('G-LIFE-4 gives two editors asking at the same moment two numbers, never one a Tdoc uses, then 409 when the block is used up', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, meetingWithBlock('S2-2400100-S2-2400103'));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const [a, b] = await Promise.all([next(ts, m.id, m.tokens.chair), next(ts, m.id, m.tokens.secretary)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const numbers = [((await a.json()) as { number: string }).number, ((await b.json()) as { number: string }).number];
    expect(numbers.sort()).toEqual(['S2-2400101', 'S2-2400102']);

    // The allocations are in the document every editor holds.
    await waitFor(() => allocatedNumbers(chair.doc).size === 2, { what: 'the allocations to arrive' });
    // A revision takes one of them; the next call skips it and the others.
    const row = readMeeting(chair.doc).contributions[0];
    reviseContribution(chair.doc, row.id, { by: 'Chair', number: numbers[0] });
    const third = await next(ts, m.id, ts.adminToken);
    expect(await third.json()).toEqual({ number: 'S2-2400103' });
    const fourth = await next(ts, m.id, m.tokens.chair);
    expect(fourth.status).toBe(409);
    expect(((await fourth.json()) as { error: string }).error).toMatch(/block/);
  });

  it('answers 409 without a block, and refuses read-only tokens, strangers and unknown meetings', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, meetingWithBlock());
    const unset = await next(ts, m.id, m.tokens.secretary);
    expect(unset.status).toBe(409);
    expect(((await unset.json()) as { error: string }).error).toMatch(/no block/);
    expect((await next(ts, m.id, m.tokens.delegate)).status).toBe(403);
    expect((await next(ts, m.id, m.tokens.screen)).status).toBe(403);
    expect((await next(ts, m.id)).status).toBe(401);
    expect((await next(ts, 'no-such-meeting', ts.adminToken)).status).toBe(404);
    expect((await fetch(`${ts.url}/api/meetings/${m.id}/numbers/next?token=${m.tokens.chair}`)).status).toBe(405);
  });

  it('G-LIFE-4 hands out every number of a block once under many concurrent calls', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, meetingWithBlock('S2-2400200-S2-2400219'));
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => next(ts, m.id, i % 2 ? m.tokens.chair : m.tokens.secretary)));
    const ok = answers.filter((r) => r.status === 200);
    expect(ok).toHaveLength(20);
    expect(answers.filter((r) => r.status === 409)).toHaveLength(4);
    const got = await Promise.all(ok.map(async (r) => ((await r.json()) as { number: string }).number));
    expect(new Set(got).size).toBe(20);
  });

  it('numbers/release gives back a handed-out number no Tdoc took, refuses one a Tdoc uses, and checks its input', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, meetingWithBlock('S2-2400300-S2-2400309'));
    const release = (number: unknown, token: string | undefined = m.tokens.chair) =>
      fetch(`${ts.url}/api/meetings/${m.id}/numbers/release`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ number }),
      });
    const a = ((await (await next(ts, m.id, m.tokens.chair)).json()) as { number: string }).number;
    const b = ((await (await next(ts, m.id, m.tokens.secretary)).json()) as { number: string }).number;
    expect([a, b]).toEqual(['S2-2400300', 'S2-2400301']);

    const ok = await release(a);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ number: a, released: true });
    // Given back: the next call offers it again.
    expect(await (await next(ts, m.id, m.tokens.chair)).json()).toEqual({ number: a });

    // A number a Tdoc took stays taken.
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    reviseContribution(chair.doc, readMeeting(chair.doc).contributions[0].id, { by: 'Chair', number: b });
    const reader = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await reader.synced();
    await waitFor(() => readMeeting(reader.doc).contributions.some((c) => c.number === b), { what: 'the revision to reach the server' });
    reader.destroy();
    const taken = await release(b);
    expect(taken.status).toBe(409);
    expect(((await taken.json()) as { error: string }).error).toMatch(/used by a Tdoc/);
    expect((await release('S2-2400309')).status).toBe(404);
    expect((await release(a)).status).toBe(200);
    expect((await release(a)).status).toBe(404);
    expect((await release('')).status).toBe(400);
    expect((await release(42)).status).toBe(400);
    expect((await release(a, m.tokens.delegate)).status).toBe(403);
    expect((await release(a, '')).status).toBe(401);
    chair.destroy();
  });
});

describe('numbers held by an open revise dialog', () => {
  it('G-LIFE-5 a handed-out number is held by the link it went to: another editor cannot give it back, the holder can, and an unused hold runs out after 15 minutes', async () => {
    let now = Date.parse('2026-03-03T10:00:00Z');
    const ts = await startTestServer({ clock: () => now });
    const m = await createMeeting(ts, meetingWithBlock('S2-2400400-S2-2400409'));
    const post = (path: string, number: string, token: string) =>
      fetch(`${ts.url}/api/meetings/${m.id}/numbers/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ number }),
      });
    const held = ((await (await next(ts, m.id, m.tokens.chair)).json()) as { number: string }).number;
    expect(held).toBe('S2-2400400');
    // The secretary's release of the chair's open dialog's number is refused with a reason; nothing changes.
    const stolen = await post('release', held, m.tokens.secretary);
    expect(stolen.status).toBe(409);
    expect(((await stolen.json()) as { error: string }).error).toMatch(/held by another editor/);
    expect((await post('renew', held, m.tokens.secretary)).status).toBe(409);
    expect((await post('release', held, ts.adminToken)).status).toBe(409);
    // So the next number handed out is another one: the held one is never offered twice.
    expect(await (await next(ts, m.id, m.tokens.secretary)).json()).toEqual({ number: 'S2-2400401' });

    // The holder renews (the dialog is still open): 14 minutes later it is still held.
    now += 10 * 60_000;
    const renewed = await post('renew', held, m.tokens.chair);
    expect(renewed.status).toBe(200);
    expect(await renewed.json()).toEqual({ number: held, heldUntil: new Date(now + 15 * 60_000).toISOString() });
    now += 14 * 60_000;
    expect((await post('release', held, m.tokens.secretary)).status).toBe(409);
    // The holder gives it back: 200, and it is offered again.
    expect((await post('release', held, m.tokens.chair)).status).toBe(200);
    expect(await (await next(ts, m.id, m.tokens.chair)).json()).toEqual({ number: held });

    // A hold nobody renews runs out after 15 minutes: the number is handed out again, and anyone may release.
    // (The secretary's S2-2400401, never renewed, ran out 24 minutes in: it is the lowest free number.)
    const forgotten = ((await (await next(ts, m.id, m.tokens.secretary)).json()) as { number: string }).number;
    expect(forgotten).toBe('S2-2400401');
    expect((await post('release', forgotten, m.tokens.chair)).status).toBe(409);
    now += 15 * 60_000;
    // Both holds ran out: the lowest is handed out again, and anyone may give the other back.
    expect(await (await next(ts, m.id, m.tokens.chair)).json()).toEqual({ number: 'S2-2400400' });
    expect((await post('release', forgotten, m.tokens.chair)).status).toBe(200);
  });
});
