import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readAll } from '../../shared/document/entityStore.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { stateEtag } from '../../server/meetings/meetingState.js';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { rawGet as get } from '../helpers/rawGet.js';

describe('GET /api/meetings/:id/state', () => {
  it('gives any token of the meeting the stored state as a compressed v2 update, with an ETag that follows the content', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(200));
    const url = `${ts.url}/api/meetings/${m.id}/state`;

    const res = await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['x-plenary-state']).toBe('yjs-update-v2');
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(String(res.headers.vary)).toMatch(/Accept-Encoding/);
    const update = brotliDecompressSync(res.body);
    expect(res.body.length).toBeLessThan(update.length / 3);
    const doc = new Y.Doc();
    Y.applyUpdateV2(doc, update);
    expect(readMeeting(doc).contributions).toHaveLength(200);
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);

    // The other roles and the query form read the same; gzip and identity for clients without brotli.
    for (const role of ['chair', 'secretary', 'screen'] as const) {
      const r = await get(`${url}?token=${m.tokens[role]}`, { 'accept-encoding': 'gzip' });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe('gzip');
      expect(Buffer.compare(gunzipSync(r.body), update)).toBe(0);
    }
    const plain = await get(url, { authorization: `Bearer ${m.tokens.delegate}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(plain.body, update)).toBe(0);

    // Unchanged: 304.
    const again = await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);

    // An editor's change: a new ETag and the change in the body.
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const first = readAll(chair.doc, 'contributions')[0]!;
    setContributionStatus(chair.doc, first.id, 'agreed', { by: 'test' });
    await waitFor(async () => (await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'if-none-match': etag })).status === 200);
    const changed = await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'accept-encoding': 'br' });
    expect(changed.headers.etag).not.toBe(etag);
    const doc2 = new Y.Doc();
    Y.applyUpdateV2(doc2, brotliDecompressSync(changed.body));
    expect(readAll(doc2, 'contributions').find((c) => c.id === first.id)?.status).toBe('agreed');
  });

  it('refuses a missing, wrong or foreign token and any other method, with JSON errors', async () => {
    const ts = await startTestServer();
    const a = await createMeeting(ts);
    const b = await createMeeting(ts);
    const url = `${ts.url}/api/meetings/${a.id}/state`;
    const none = await get(url);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body.toString()).error).toMatch(/token/);
    expect((await get(url, { authorization: 'Bearer nope' })).status).toBe(403);
    expect((await get(url, { authorization: `Bearer ${b.tokens.delegate}` })).status).toBe(403);
    expect((await get(`${ts.url}/api/meetings/no-such-meeting/state`, { authorization: `Bearer ${a.tokens.delegate}` })).status).toBe(404);
    const post = await get(url, { authorization: `Bearer ${a.tokens.chair}` }, 'POST');
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body.toString()).error).toMatch(/method/);
  });

  it('a client that applied the state first receives only the difference over the socket', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(500));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const res = await get(`${ts.url}/api/meetings/${m.id}/state`, { authorization: `Bearer ${m.tokens.delegate}` });
    const full = Y.encodeStateAsUpdate(chair.doc).length;
    // Changed after the state was read: the socket must bring this.
    const row = readAll(chair.doc, 'contributions')[3]!;
    setContributionStatus(chair.doc, row.id, 'noted', { by: 'test' });

    const follower = connectClient(ts.syncUrl, m.id, m.tokens.delegate, { connect: false });
    Y.applyUpdateV2(follower.doc, res.body);
    let received = 0;
    follower.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') follower.provider.ws!.addEventListener('message', (e: MessageEvent) => (received += (e.data as ArrayBuffer).byteLength));
    });
    follower.provider.connect();
    await follower.synced();
    await waitFor(() => readAll(follower.doc, 'contributions').find((c) => c.id === row.id)?.status === 'noted');
    expect(received).toBeLessThan(full / 20);
    expect(readMeeting(follower.doc)).toEqual(readMeeting(chair.doc));
  });

  it('GET /live gives the live item and its Tdocs in agenda order with status labels, for any token', async () => {
    const ts = await startTestServer();
    const meeting = sampleMeeting(30);
    const m = await createMeeting(ts, meeting);
    const url = `${ts.url}/api/meetings/${m.id}/live`;
    const idle = await get(url, { authorization: `Bearer ${m.tokens.delegate}` });
    expect(idle.status).toBe(200);
    expect(JSON.parse(idle.body.toString())).toMatchObject({ title: 'Test meeting', item: null, contributions: [] });

    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const json = readMeeting(chair.doc);
    const item = json.agenda[0]!;
    const third = json.contributions[2]!;
    setContributionStatus(chair.doc, third.id, 'agreed', { by: 'test' });
    chair.doc.transact(() => {
      chair.doc.getMap('live').set('agendaItemId', item.id);
      chair.doc.getMap('live').set('contributionId', third.id);
    });
    await waitFor(async () => JSON.parse((await get(url, { authorization: `Bearer ${m.tokens.screen}` })).body.toString()).item !== null);
    const res = await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    const glance = JSON.parse(gunzipSync(res.body).toString());
    expect(glance.item).toEqual({ id: item.id, label: item.label, title: item.title });
    expect(glance.contributionId).toBe(third.id);
    expect(glance.contributions.map((c: { number: string }) => c.number)).toEqual(json.contributions.map((c) => c.number));
    expect(glance.contributions[2]).toMatchObject({ status: 'agreed', statusLabel: 'Agreed' });
    const again = await get(url, { authorization: `Bearer ${m.tokens.delegate}`, 'if-none-match': res.headers.etag as string });
    expect(again.status).toBe(304);
    expect((await get(url)).status).toBe(401);
  });

  it('names deletions in the ETag, which the state vector alone does not', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('a', 'x');
    doc.getText('t').insert(0, 'hello');
    const before = stateEtag(doc);
    const sv = Y.encodeStateVector(doc);
    doc.getText('t').delete(0, 2);
    expect(Buffer.compare(Y.encodeStateVector(doc), sv)).toBe(0);
    expect(stateEtag(doc)).not.toBe(before);
  });
});
