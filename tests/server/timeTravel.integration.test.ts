/**
 * The board at any moment (issue 17): seeded random edits by two editors over a simulated week (the
 * server's clock injected), with compactions along the way; the meeting rebuilt by
 * `export.json?at=` at 20 random moments equals what the clients held then. And a deleted Tdoc is
 * restored from the past as a new, recorded change.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMeeting, startTestServer, sampleMeeting } from '../helpers/startTestServer.js';
import { connectClient, type TestClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import {
  addContribution,
  deleteContribution,
  moveContribution,
  setContributionStatus,
  updateContribution,
} from '../../shared/document/contributionOps.js';
import { updateAgendaItem, addAgendaItem } from '../../shared/document/agendaOps.js';
import { restoreContributionField, restoreDeleted } from '../../shared/document/restoreOps.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const WEEK_START = Date.parse('2026-03-02T08:00:00Z');
const WEEK_MS = 7 * 24 * 3_600_000;
const SEED = Number(process.env.PLENARY_SEED ?? 1717);
const STEPS = process.env.PLENARY_FUZZ === 'long' ? 1_500 : 180;

function same(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

async function meetingAt(url: string, id: string, token: string, at: number): Promise<MeetingJson> {
  const res = await fetch(`${url}/api/meetings/${id}/export.json?at=${encodeURIComponent(new Date(at).toISOString())}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`export at ${new Date(at).toISOString()}: ${res.status} ${await res.text()}`);
  return (await res.json()) as MeetingJson;
}

/** One random edit through the shared mutations, as a board would make it. */
function randomEdit(doc: Y.Doc, rnd: ReturnType<typeof seededRandom>, step: number): void {
  const m = readMeeting(doc);
  const c = rnd.maybePick(m.contributions);
  const item = rnd.pick(m.agenda);
  const op = rnd.int(0, 9);
  if (!c || op === 0) {
    addContribution(doc, { number: `SEC-2026-${String(1000 + step)}`, title: rnd.word(), agendaItemId: item.id });
  } else if (op <= 3) {
    setContributionStatus(doc, c.id, rnd.pick(m.statuses).id, { by: rnd.word() });
  } else if (op <= 5) {
    updateContribution(doc, c.id, { notes: `${c.notes} ${rnd.word()}`.trim() });
  } else if (op === 6) {
    moveContribution(doc, c.id, item.id, null);
  } else if (op === 7 && m.contributions.length > 4) {
    deleteContribution(doc, c.id);
  } else if (op === 8) {
    updateAgendaItem(doc, item.id, { notes: `${item.notes}\n${rnd.word()}`.trim() });
  } else {
    addAgendaItem(doc, { label: `${m.agenda.length + 1}`, title: rnd.word() });
  }
}

describe('the board at any moment', () => {
  it(`G-REC-2 rebuilds the meeting at 20 random moments of a simulated week as the clients held it (seed ${SEED})`, async () => {
    const rnd = seededRandom(SEED);
    let now = WEEK_START;
    const ts = await startTestServer({
      clock: () => now,
      // Small numbers, so the week crosses many checkpoints and compactions.
      room: { checkpointEveryRecords: 25, checkpointEveryMs: 6 * 3_600_000, compactAfterRows: 60 },
    });
    const m = await createMeeting(ts, sampleMeeting(6));
    const editors: TestClient[] = [connectClient(ts.syncUrl, m.id, m.tokens.chair), connectClient(ts.syncUrl, m.id, m.tokens.secretary)];
    const follower = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([...editors, follower].map((c) => c.synced()));
    // What the delegate's client held, and from when.
    const held: { from: number; meeting: MeetingJson }[] = [{ from: now, meeting: readMeeting(follower.doc) }];
    for (let step = 0; step < STEPS; step++) {
      now += rnd.int(0, Math.round((2 * WEEK_MS) / STEPS));
      const ed = rnd.pick(editors);
      randomEdit(ed.doc, rnd, step);
      await waitFor(() => same(ed.doc, follower.doc) && editors.every((e) => same(e.doc, follower.doc)), { what: `step ${step} to reach everyone` });
      held.push({ from: now, meeting: readMeeting(follower.doc) });
      if (step % 97 === 96) await ts.server.rooms.get(m.id)!.compact();
    }
    const end = now;
    for (let i = 0; i < 20; i++) {
      const at = WEEK_START + rnd.int(0, end - WEEK_START + 3_600_000);
      const expected = [...held].reverse().find((h) => h.from <= at)!.meeting;
      const past = await meetingAt(ts.url, m.id, m.tokens.delegate, at);
      expect(past, `seed ${SEED}, at ${new Date(at).toISOString()}`).toEqual(expected);
    }
    // Each past state is rebuilt in a format worker (issue 23): the first starts the worker.
  }, 120_000);

  it('G-REC-6 a checkpoint is taken once the updates since the last one add up to the size limit, and the past stays answerable across it', async () => {
    let now = WEEK_START;
    const ts = await startTestServer({ clock: () => now, room: { checkpointEveryRecords: 2_000, checkpointEveryMs: 24 * 3_600_000, checkpointEveryBytes: 40_000 } });
    const m = await createMeeting(ts, sampleMeeting(3));
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const follower = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), follower.synced()]);
    const c = readMeeting(chair.doc).contributions[0];
    const held: { at: number; meeting: MeetingJson }[] = [];
    for (let i = 0; i < 12; i++) {
      now += 60_000;
      updateContribution(chair.doc, c.id, { notes: `${i} `.repeat(5_000) });
      await waitFor(() => same(chair.doc, follower.doc), { what: `edit ${i} to reach the follower` });
      held.push({ at: now, meeting: readMeeting(follower.doc) });
    }
    await ts.server.rooms.get(m.id)!.flush();
    const db = new Database(join(ts.dataDir, 'plenary.db'), { readonly: true });
    const { n } = db.prepare('SELECT count(*) AS n FROM checkpoints WHERE meeting_id = ?').get(m.id) as { n: number };
    db.close();
    // About 10 KB per edit, 120 KB in all: the first record's checkpoint, then one per 40 KB.
    expect(n).toBeGreaterThanOrEqual(3);
    expect(n).toBeLessThanOrEqual(5);
    for (const h of [held[0], held[4], held[8], held[11]]) expect(await meetingAt(ts.url, m.id, m.tokens.delegate, h.at)).toEqual(h.meeting);
    chair.destroy();
    follower.destroy();
  }, 60_000);

  it('G-REC-3 restores a deleted Tdoc and a past status as new changes, each with its own record', async () => {
    let now = WEEK_START;
    const ts = await startTestServer({ clock: () => now });
    const m = await createMeeting(ts, sampleMeeting(3));
    const sec = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    await Promise.all([sec.synced(), chair.synced()]);
    const [a, b] = readMeeting(sec.doc).contributions;
    now += 3_600_000;
    setContributionStatus(sec.doc, a.id, 'agreed', { by: 'Sam' });
    updateContribution(sec.doc, a.id, { notes: 'Agreed with a change to clause 4.' });
    await waitFor(() => same(sec.doc, chair.doc), { what: 'sync' });
    const before = now;
    now += 3_600_000;
    deleteContribution(chair.doc, a.id);
    setContributionStatus(chair.doc, b.id, 'noted', { by: 'Chair' });
    await waitFor(() => same(sec.doc, chair.doc), { what: 'sync' });
    expect(readMeeting(sec.doc).contributions.map((c) => c.id)).not.toContain(a.id);

    now += 3_600_000;
    const past = await meetingAt(ts.url, m.id, m.tokens.secretary, before);
    const pastA = past.contributions.find((c) => c.id === a.id)!;
    const pastB = past.contributions.find((c) => c.id === b.id)!;
    expect(pastA).toMatchObject({ status: 'agreed', notes: 'Agreed with a change to clause 4.' });
    restoreDeleted(sec.doc, 'contributions', pastA);
    restoreContributionField(sec.doc, pastB, 'status', { by: 'Sam' });
    await waitFor(() => same(sec.doc, chair.doc), { what: 'the restore to reach the chair' });
    const live = readMeeting(chair.doc);
    expect(live.contributions.find((c) => c.id === a.id)).toEqual(pastA);
    expect(live.contributions.find((c) => c.id === b.id)!.status).toBe('available');
    const res = await fetch(`${ts.url}/api/meetings/${m.id}/history?limit=2`, { headers: { authorization: `Bearer ${m.tokens.chair}` } });
    const { entries } = (await res.json()) as { entries: { role: string; at: string; description: string }[] };
    expect(entries.map((e) => [e.role, e.at, e.description])).toEqual([
      ['secretary', new Date(now).toISOString(), `${b.number} status noted → available`],
      ['secretary', new Date(now).toISOString(), `Tdoc ${a.number} added`],
    ]);
    // The past itself is unchanged by the restore.
    expect(await meetingAt(ts.url, m.id, m.tokens.delegate, before)).toEqual(past);
  });
});
