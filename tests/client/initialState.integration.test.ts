// @vitest-environment jsdom
/**
 * The page's connection takes the meeting's first state over HTTP (compressed) and opens the socket after
 * it, so the socket carries only what changed since; a refused token still ends in the socket's readable
 * close, and the HTTP state's transaction is not counted as an unsent local change.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { MeetingConnection } from '../../client/sync/MeetingConnection.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';

function open(ts: { url: string }, meetingId: string, token: string) {
  const c = new MeetingConnection({ meetingId, token, wsBase: ts.url.replace(/^http/, 'ws'), persist: false });
  onTestFinished(() => c.destroy());
  let socketBytes = 0;
  c.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') c.provider.ws!.addEventListener('message', (e: MessageEvent) => (socketBytes += (e.data as ArrayBuffer).byteLength));
  });
  return { c, socketBytes: () => socketBytes };
}

describe('the first state over HTTP', () => {
  it('a delegate page holds the meeting from HTTP and the socket brings only the difference', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(400));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await chair.synced();
    const full = Y.encodeStateAsUpdate(chair.doc).length;

    const { c, socketBytes } = open(ts, m.id, m.tokens.delegate);
    await waitFor(() => c.getSnapshot().state === 'connected', { what: 'synced' });
    expect(readMeeting(c.doc)).toEqual(readMeeting(chair.doc));
    expect(c.getSnapshot().unsent).toBe(0);
    expect(socketBytes()).toBeGreaterThan(0);
    expect(socketBytes()).toBeLessThan(full / 20);

    // Live changes still arrive over the socket.
    const id = readMeeting(chair.doc).contributions[7].id;
    chair.doc.getMap('live').set('contributionId', id);
    await waitFor(() => c.doc.getMap('live').get('contributionId') === id, { what: 'the live change' });
  });

  it('a wrong token gets no state and the socket closes with a readable reason', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const { c } = open(ts, m.id, 'not-a-token');
    await waitFor(() => c.getSnapshot().state === 'closed', { what: 'closed' });
    expect(c.getSnapshot().ready).toBe(false);
    expect(c.getSnapshot().closedCode).toBe(4401);
    expect(readMeeting(c.doc).contributions).toHaveLength(0);
  });
});
