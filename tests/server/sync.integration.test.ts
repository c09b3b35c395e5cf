import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';

const statusOf = (doc: Y.Doc, number: string) => readMeeting(doc).contributions.find((c) => c.number === number)?.status;
const rowOf = (doc: Y.Doc, number: string) => readMeeting(doc).contributions.find((c) => c.number === number)!;

describe('sync between the roles of a meeting', () => {
  it('G-ROLE-1: carries live edits from chair and secretary to every role', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), secretary.synced(), delegate.synced()]);
    expect(readMeeting(delegate.doc).contributions).toHaveLength(3);

    const row = rowOf(chair.doc, 'SEC-2026-0001');
    setContributionStatus(chair.doc, row.id, 'agreed', { by: 'chair' });
    await waitFor(() => statusOf(secretary.doc, 'SEC-2026-0001') === 'agreed' && statusOf(delegate.doc, 'SEC-2026-0001') === 'agreed');

    setLive(secretary.doc, { contributionId: rowOf(secretary.doc, 'SEC-2026-0002').id, banner: 'coffee at 10:30' });
    await waitFor(() => readLive(chair.doc).banner === 'coffee at 10:30' && readLive(delegate.doc).banner === 'coffee at 10:30');
  });

  it('keeps both of two simultaneous edits to one row by chair and secretary', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await Promise.all([chair.synced(), secretary.synced()]);
    const id = rowOf(chair.doc, 'SEC-2026-0003').id;
    // Both edit before either hears of the other's edit.
    setContributionStatus(chair.doc, id, 'approved', { by: 'chair' });
    updateContribution(secretary.doc, id, { title: 'Renamed by the secretary' });
    await waitFor(() => {
      const a = rowOf(chair.doc, 'SEC-2026-0003');
      const b = rowOf(secretary.doc, 'SEC-2026-0003');
      return a.status === 'approved' && a.title === 'Renamed by the secretary' && b.status === 'approved' && b.title === 'Renamed by the secretary';
    });
    // And a fresh client sees both, from the server.
    const fresh = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await fresh.synced();
    const row = rowOf(fresh.doc, 'SEC-2026-0003');
    expect([row.status, row.title]).toEqual(['approved', 'Renamed by the secretary']);
  });

  it('G-ROLE-2: never lets a delegate write land: not in other clients, not in a fresh client, not after a restart', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    const screen = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await Promise.all([chair.synced(), delegate.synced(), screen.synced()]);

    updateContribution(delegate.doc, rowOf(delegate.doc, 'SEC-2026-0001').id, { title: 'delegate was here' });
    setLive(screen.doc, { banner: 'screen was here' });
    // A chair edit sent after the delegate's: once it arrives everywhere, the delegate's would have too.
    setContributionStatus(chair.doc, rowOf(chair.doc, 'SEC-2026-0002').id, 'noted', { by: 'chair' });
    await waitFor(() => statusOf(delegate.doc, 'SEC-2026-0002') === 'noted' && statusOf(screen.doc, 'SEC-2026-0002') === 'noted');
    expect(rowOf(chair.doc, 'SEC-2026-0001').title).toBe('Row 1');
    expect(readLive(chair.doc).banner).toBe('');
    // The delegate keeps its own local edit (Yjs cannot take it back) and stays connected.
    expect(delegate.provider.wsconnected).toBe(true);

    const fresh = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await fresh.synced();
    expect(rowOf(fresh.doc, 'SEC-2026-0001').title).toBe('Row 1');
    expect(statusOf(fresh.doc, 'SEC-2026-0002')).toBe('noted');

    for (const c of [chair, delegate, screen, fresh]) c.destroy();
    await ts.stop();
    const again = await ts.restart();
    const after = connectClient(again.syncUrl, m.id, m.tokens.chair);
    await after.synced();
    expect(rowOf(after.doc, 'SEC-2026-0001').title).toBe('Row 1');
    expect(readLive(after.doc).banner).toBe('');
    expect(statusOf(after.doc, 'SEC-2026-0002')).toBe('noted');
  });

  it('gives many clients joining an unloaded meeting at once the same state', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const writer = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await writer.synced();
    for (let i = 0; i < 20; i++) updateContribution(writer.doc, rowOf(writer.doc, 'SEC-2026-0001').id, { title: `v${i}` });
    writer.destroy();
    await waitFor(() => !ts.server.rooms.get(m.id), { what: 'the meeting to unload' });

    const clients = Array.from({ length: 30 }, (_, i) => connectClient(ts.syncUrl, m.id, i % 2 ? m.tokens.delegate : m.tokens.screen));
    await Promise.all(clients.map((c) => c.synced()));
    const expected = Y.encodeStateVector(clients[0].doc);
    for (const c of clients) {
      expect(Y.encodeStateVector(c.doc)).toEqual(expected);
      expect(rowOf(c.doc, 'SEC-2026-0001').title).toBe('v19');
    }
    expect(ts.server.rooms.all()).toHaveLength(1);
  });

  it('shares presence between roles and removes it when a client leaves', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    delegate.provider.awareness.setLocalStateField('user', { name: 'Delegate D' });
    await waitFor(() => [...chair.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Delegate D'));
    const delegateId = delegate.doc.clientID;
    delegate.destroy();
    await waitFor(() => !chair.provider.awareness.getStates().has(delegateId), { what: 'the delegate to leave' });
  });

  it('keeps quiet connections alive with empty awareness updates', async () => {
    const ts = await startTestServer({ room: { keepaliveMs: 300 } });
    const m = await createMeeting(ts);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await delegate.synced();
    const ws = delegate.provider.ws!;
    let received = 0;
    ws.addEventListener('message', () => received++);
    await waitFor(() => received >= 3, { what: 'keepalives' });
    expect(delegate.provider.wsconnected).toBe(true);
  });
});

describe('dead connections', () => {
  it('drops a connection that stops answering pings, and keeps one that answers', async () => {
    const { default: WebSocket } = await import('ws');
    const ts = await startTestServer({ heartbeatMs: 1000 });
    const m = await createMeeting(ts);
    const open = (autoPong: boolean) =>
      new Promise<{ ws: InstanceType<typeof WebSocket>; closed: Promise<number> }>((resolve, reject) => {
        const ws = new WebSocket(`${ts.syncUrl}/${m.id}?token=${m.tokens.delegate}`, { autoPong });
        const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
        ws.once('open', () => resolve({ ws, closed }));
        ws.once('error', reject);
      });
    const silent = await open(false);
    const lively = await open(true);
    // 1006: the server terminated the TCP connection without a close frame.
    expect(await silent.closed).toBe(1006);
    expect(lively.ws.readyState).toBe(WebSocket.OPEN);
    lively.ws.close();
  });
});
