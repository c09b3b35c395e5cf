import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { RawSyncSocket } from '../helpers/rawSyncSocket.js';
import { presenceFrame, syncFrame } from '../helpers/syncFrames.js';
import { waitFor } from '../helpers/waitFor.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';

/** A raw socket, to send frames no provider would send. */
const rawSocket = (ts: TestServer, meetingId: string, token: string) => RawSyncSocket.open(`${ts.syncUrl}/${meetingId}?token=${token}`);

describe('bad frames close only their own connection', () => {
  it('closes a connection that sends malformed frames with 4400; the others stay in sync and the document is untouched', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    const before = JSON.stringify(readMeeting(chair.doc));

    const bad: [string, Uint8Array | string][] = [
      ['an empty frame', new Uint8Array()],
      ['a truncated length', Uint8Array.from([0, 2, 0xff, 0xff])],
      ['garbage as an update', syncFrame(2, Uint8Array.from([1, 2, 3, 250, 251, 252, 253, 254]))],
      ['garbage as sync step 2', syncFrame(1, Uint8Array.from([9, 9, 9, 9]))],
      ['an unknown sync type', syncFrame(7, new Uint8Array())],
      ['a bad awareness update', Uint8Array.from([1, 3, 1, 5, 0])],
      ['a text frame', 'hello'],
    ];
    for (const [what, frame] of bad) {
      const raw = await rawSocket(ts, m.id, m.tokens.secretary);
      raw.ws.send(frame);
      expect(await raw.closed, what).toEqual({ code: CloseCode.MalformedMessage, reason: CloseReason.MalformedMessage });
    }

    setContributionStatus(chair.doc, readMeeting(chair.doc).contributions[0].id, 'withdrawn', { by: 'chair' });
    await waitFor(() => readMeeting(delegate.doc).contributions[0].status === 'withdrawn');
    expect(chair.closes).toEqual([]);
    expect(delegate.closes).toEqual([]);
    const fresh = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await fresh.synced();
    const after = readMeeting(fresh.doc);
    after.contributions[0].status = 'available';
    after.contributions[0].history = [];
    const expected = JSON.parse(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(expected));
  });

  it('G-LIM-2: closes a connection whose frame is over maxPayload with 4413 (final for the provider) and keeps the others', async () => {
    const ts = await startTestServer({ maxPayload: 64 * 1024 });
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    const raw = await rawSocket(ts, m.id, m.tokens.secretary);
    raw.ws.send(syncFrame(2, new Uint8Array(100 * 1024)));
    expect(await raw.closed).toEqual({ code: CloseCode.TooLarge, reason: CloseReason.TooLarge });

    // A provider whose edit is over the limit is told once and stops, instead of resending it for ever.
    const big = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    await big.synced();
    big.doc.getMap('scratch').set('blob', 'x'.repeat(100 * 1024));
    expect(await big.nextClose()).toEqual({ code: CloseCode.TooLarge, reason: CloseReason.TooLarge });
    await waitFor(() => !big.provider.shouldConnect, { what: 'the provider to stop' });

    setContributionStatus(chair.doc, readMeeting(chair.doc).contributions[1].id, 'noted', { by: 'chair' });
    await waitFor(() => readMeeting(delegate.doc).contributions[1].status === 'noted');
    expect(chair.closes).toEqual([]);
  });

  it('G-LIM-1: closes a client that floods the server with 4429', async () => {
    const ts = await startTestServer({ connection: { messagesPerSecond: 10, messageBurst: 50 } });
    const m = await createMeeting(ts);
    const raw = await rawSocket(ts, m.id, m.tokens.delegate);
    const query = Uint8Array.from([3]);
    for (let i = 0; i < 200; i++) raw.ws.send(query);
    expect(await raw.closed).toEqual({ code: CloseCode.RateLimited, reason: CloseReason.RateLimited });
  });

  it('G-LIM-3: drops awareness updates for client ids another connection owns', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    chair.provider.awareness.setLocalStateField('user', { name: 'Chair' });
    await waitFor(() => delegate.provider.awareness.getStates().get(chair.doc.clientID)?.user?.name === 'Chair');

    // A raw connection claims to be the chair's client id, with a newer clock.
    const raw = await rawSocket(ts, m.id, m.tokens.delegate);
    raw.ws.send(presenceFrame(chair.doc.clientID, 1000, { user: { name: 'Impostor' } }));

    // The chair renames itself afterwards; the delegate sees that, never the impostor.
    chair.provider.awareness.setLocalStateField('user', { name: 'Chair 2' });
    await waitFor(() => delegate.provider.awareness.getStates().get(chair.doc.clientID)?.user?.name === 'Chair 2');
    const room = ts.server.rooms.get(m.id)!;
    expect(room.presence.awareness.getStates().get(chair.doc.clientID)?.user?.name).toBe('Chair 2');
    raw.ws.close();
  });
});
