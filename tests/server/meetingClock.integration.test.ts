/**
 * The clock through a real server (port 0, SQLite) with real WebsocketProviders: moving the live pointer
 * makes the SERVER add the time to the previous item's spentSeconds, on the server's (here simulated)
 * clock; the figure reaches every client and the JSON export, and survives a restart without being
 * counted twice. A break countdown the chair starts is removed by the server once it is over.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, sampleMeeting, startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setLive } from '../../shared/document/meetingParts.js';
import { readBreak, readRunning, startBreak, storedSpent } from '../../shared/time/meetingClock.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const T0 = Date.UTC(2026, 2, 2, 9, 0);

function twoItemMeeting(): MeetingJson {
  const m = sampleMeeting(1);
  m.agenda.push({ ...m.agenda[0], id: 'second', label: '2', title: 'Second', rank: 'n' });
  return m;
}

describe('the meeting clock on the server', () => {
  it('adds the live time to spentSeconds when the chair moves the live pointer, on the server clock', async () => {
    let now = T0;
    const ts = await startTestServer({ clock: () => now, room: { clockCheckpointMs: 0 } });
    const m = await createMeeting(ts, twoItemMeeting());
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);
    const [first, second] = readMeeting(chair.doc).agenda.map((a) => a.id);

    setLive(chair.doc, { agendaItemId: first });
    await waitFor(() => readRunning(delegate.doc).get(first) === T0);
    now += 14 * 60_000;
    setLive(chair.doc, { agendaItemId: second });
    await waitFor(() => storedSpent(delegate.doc, first) === 14 * 60 && readRunning(delegate.doc).get(second) === T0 + 14 * 60_000);
    expect(storedSpent(chair.doc, first)).toBe(14 * 60);

    // The export carries it; a restart (graceful: the clock is settled at unload) does not count twice.
    now += 5 * 60_000;
    const res = await fetch(`${ts.url}/api/meetings/${m.id}/export.json`, { headers: { authorization: `Bearer ${m.tokens.chair}` } });
    const json = (await res.json()) as MeetingJson;
    expect(json.agenda.find((a) => a.id === first)?.spentSeconds).toBe(14 * 60);
    chair.destroy();
    delegate.destroy();
    await ts.stop();
    now += 3_600_000;
    const again = await ts.restart();
    const late = connectClient(again.syncUrl, m.id, m.tokens.chair);
    await late.synced();
    await waitFor(() => storedSpent(late.doc, second) === 5 * 60 && readRunning(late.doc).get(second) === now);
    expect(storedSpent(late.doc, first)).toBe(14 * 60);
  });

  it('removes a break countdown once it is over', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const screen = connectClient(ts.syncUrl, m.id, m.tokens.screen);
    await Promise.all([chair.synced(), screen.synced()]);
    startBreak(chair.doc, 'Coffee', Date.now() + 300);
    await waitFor(() => readBreak(screen.doc)?.label === 'Coffee');
    await waitFor(() => readBreak(screen.doc) === null && readBreak(chair.doc) === null, { timeoutMs: 5000 });
  });
});
