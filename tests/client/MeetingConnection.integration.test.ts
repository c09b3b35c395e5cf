// @vitest-environment jsdom
/**
 * The page's connection against the real server (jsdom's WebSocket): a hanging local copy is dropped
 * after its timeout and the meeting comes from the server; offline edits are counted and arrive after
 * reconnecting; a wrong token ends in a readable message and no more retries.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { MeetingConnection, LOCAL_ORIGIN, type LocalCopy } from '../../client/sync/MeetingConnection.js';
import { localCopyName } from '../../client/sync/forgetMeeting.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { readEntry, table } from '../../shared/document/entityStore.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';

function open(wsBase: string, meetingId: string, token: string, extra: Partial<ConstructorParameters<typeof MeetingConnection>[0]> = {}) {
  const c = new MeetingConnection({ meetingId, token, wsBase, persist: extra.openLocalCopy !== undefined, ...extra });
  onTestFinished(() => c.destroy());
  return c;
}

describe('MeetingConnection', () => {
  it('drops a local copy that hangs and loads the meeting from the server', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const opened: string[] = [];
    const cleared: string[] = [];
    const hanging = (name: string): LocalCopy => {
      opened.push(name);
      return { whenSynced: new Promise(() => undefined), destroy: () => undefined, clearData: async () => void cleared.push(name) };
    };
    const c = open(ts.url.replace(/^http/, 'ws'), m.id, m.tokens.secretary, { openLocalCopy: hanging, localLoadTimeoutMs: 50, role: 'secretary' });
    await waitFor(() => c.getSnapshot().localDropped, { what: 'the local copy to be dropped' });
    await waitFor(() => c.getSnapshot().ready && c.getSnapshot().state === 'connected', { what: 'the server copy' });
    expect(readMeeting(c.doc).contributions.map((x) => x.number)).toEqual(['SEC-2026-0001', 'SEC-2026-0002', 'SEC-2026-0003']);
    // The stuck database was deleted and a fresh local copy started.
    await waitFor(() => opened.length === 2, { what: 'a fresh local copy' });
    expect(cleared).toEqual([localCopyName(m.id, 'secretary', m.tokens.secretary)]);
  });

  it('opened before the role is known, keeps no local copy until told to, then exactly one', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const opened: string[] = [];
    const copy = (name: string): LocalCopy => {
      opened.push(name);
      return { whenSynced: Promise.resolve(), destroy: () => undefined, clearData: async () => undefined };
    };
    const c = open(ts.url.replace(/^http/, 'ws'), m.id, m.tokens.chair, { openLocalCopy: copy });
    await waitFor(() => c.getSnapshot().state === 'connected', { what: 'the server copy' });
    expect(opened).toEqual([]);
    c.keepLocalCopy('chair');
    c.keepLocalCopy('chair');
    // Keyed by meeting, the server's role and the link.
    expect(opened).toEqual([localCopyName(m.id, 'chair', m.tokens.chair)]);
    expect(opened[0]).not.toBe(localCopyName(m.id, 'delegate', m.tokens.chair));
    expect(opened[0]).not.toBe(localCopyName(m.id, 'chair', m.tokens.secretary));
  });

  it('counts edits made offline and sends them when back online', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const c = open(ts.url.replace(/^http/, 'ws'), m.id, m.tokens.secretary);
    await waitFor(() => c.getSnapshot().state === 'connected', { what: 'connected' });
    const other = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await other.synced();

    window.dispatchEvent(new Event('offline'));
    expect(c.getSnapshot().state).toBe('offline');
    const id = readMeeting(c.doc).contributions[0].id;
    c.doc.transact(() => setContributionStatus(c.doc, id, 'withdrawn', { by: 'Karen' }), LOCAL_ORIGIN);
    c.doc.transact(() => setContributionStatus(c.doc, id, 'postponed', { by: 'Karen' }), LOCAL_ORIGIN);
    expect(c.getSnapshot().unsent).toBe(2);

    window.dispatchEvent(new Event('online'));
    await waitFor(() => c.getSnapshot().state === 'connected' && c.getSnapshot().unsent === 0, { what: 'resynced' });
    await waitFor(() => readEntry('contributions', id, table(other.doc, 'contributions').get(id))?.status === 'postponed', {
      what: 'the offline edit at the other client',
    });
  });

  it('a wrong token ends in a readable message, and the page stops retrying', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const c = open(ts.url.replace(/^http/, 'ws'), m.id, 'not-the-token');
    await waitFor(() => c.getSnapshot().state === 'closed', { what: 'closed' });
    expect(c.getSnapshot().closedCode).toBe(4401);
    expect(c.getSnapshot().closedMessage).toMatch(/^This link .*\.$/);
    expect(c.provider.shouldConnect).toBe(false);
    expect(c.getSnapshot().ready).toBe(false);
  });
});
