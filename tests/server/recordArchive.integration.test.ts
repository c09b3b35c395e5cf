/**
 * The record's archived segments over HTTP (issue 23, G-REC-7): a meeting edited by two editors across
 * many small checkpoint intervals, its `/history` pages and `export.json?at=` answers taken, then
 * compacted (old intervals archived into `record_segments`) and the server restarted (no cache of a past
 * export survives): the meeting loads, and every answer is the same; deleting the meeting leaves no row of
 * its record behind. The past exports are written by the format workers (JSON, Markdown, CSV).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMeeting, startTestServer, sampleMeeting } from '../helpers/startTestServer.js';
import { connectClient } from '../helpers/connectClient.js';
import { waitFor } from '../helpers/waitFor.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { addContribution, setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';

const START = Date.parse('2026-03-02T08:00:00Z');

function same(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b)));
}

function counts(dataDir: string, id: string): { rows: number; segments: number; archived: number; checkpoints: number } {
  const db = new Database(join(dataDir, 'plenary.db'), { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get(id) as { n: number | null }).n ?? 0;
    return {
      rows: one('SELECT count(*) AS n FROM history WHERE meeting_id = ?'),
      segments: one('SELECT count(*) AS n FROM record_segments WHERE meeting_id = ?'),
      archived: one('SELECT sum(records) AS n FROM record_segments WHERE meeting_id = ?'),
      checkpoints: one('SELECT count(*) AS n FROM checkpoints WHERE meeting_id = ?'),
    };
  } finally {
    db.close();
  }
}

/** Every answer the record gives over HTTP that the test compares: history pages and past exports. */
async function answers(url: string, id: string, chair: string, delegate: string, moments: number[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const filter of ['', '&by=secretary', '&by=chair', '&tdoc=SEC-2026-0002', '&item=1']) {
    let before = '';
    for (;;) {
      const res = await fetch(`${url}/api/meetings/${id}/history?limit=37${filter}${before}`, { headers: { authorization: `Bearer ${chair}` } });
      const page = (await res.json()) as { entries: unknown[]; before: number | null };
      out.push(res.status, page);
      if (page.before === null) break;
      before = `&before=${page.before}`;
    }
  }
  // Every moment as JSON; some also as Markdown and CSV (each format written by the format workers).
  for (const [i, at] of moments.entries()) {
    for (const fmt of i % 4 === 1 ? ['json', 'md', 'csv'] : ['json']) {
      const res = await fetch(`${url}/api/meetings/${id}/export.${fmt}?at=${encodeURIComponent(new Date(at).toISOString())}`, { headers: { authorization: `Bearer ${delegate}` } });
      out.push(res.status, await res.text());
    }
  }
  return out;
}

describe('the record archived', () => {
  it('G-REC-7 an archived meeting loads, answers /history and export.json?at= as before archiving, and is deleted whole', async () => {
    const rnd = seededRandom(2323);
    let now = START;
    const room = { checkpointEveryRecords: 15, checkpointEveryMs: 24 * 3_600_000, compactAfterRows: 1_000_000 };
    const ts = await startTestServer({ clock: () => now, room });
    const m = await createMeeting(ts, sampleMeeting(4));
    const [chair, sec] = [connectClient(ts.syncUrl, m.id, m.tokens.chair), connectClient(ts.syncUrl, m.id, m.tokens.secretary)];
    await Promise.all([chair.synced(), sec.synced()]);
    for (let step = 0; step < 150; step++) {
      now += rnd.int(0, 600_000);
      const ed = rnd.pick([chair, sec]);
      const meeting = readMeeting(ed.doc);
      const c = rnd.pick(meeting.contributions);
      const op = rnd.int(0, 4);
      if (op === 0) addContribution(ed.doc, { number: `SEC-2026-${1000 + step}`, title: rnd.word(), agendaItemId: meeting.agenda[0].id });
      else if (op <= 2) setContributionStatus(ed.doc, c.id, rnd.pick(meeting.statuses).id, { by: rnd.word() });
      else updateContribution(ed.doc, c.id, { notes: `${c.notes} ${rnd.word()}`.trim() });
      await waitFor(() => same(chair.doc, sec.doc), { what: `step ${step} to reach both editors` });
    }
    await ts.server.rooms.get(m.id)!.flush();
    const final = readMeeting(chair.doc);
    const moments = [START - 60_000, ...Array.from({ length: 12 }, () => rnd.int(START, now + 60_000)), now];
    const before = await answers(ts.url, m.id, m.tokens.chair, m.tokens.delegate, moments);
    // The moments fall inside the record (200) and one before it began (422).
    expect(before.filter((x) => x === 200).length).toBeGreaterThan(20);
    expect(before).toContain(422);
    const recorded = counts(ts.dataDir, m.id);
    expect(recorded.segments).toBe(0);

    await ts.server.rooms.get(m.id)!.compact();
    const archived = counts(ts.dataDir, m.id);
    // 150 edits and the creation, a checkpoint every 15: all but the newest two intervals are segments.
    expect(archived.segments).toBeGreaterThanOrEqual(6);
    expect(archived.rows + archived.archived).toBe(recorded.rows);
    expect(archived.rows).toBeLessThanOrEqual(2 * room.checkpointEveryRecords);
    chair.destroy();
    sec.destroy();

    // A new process: nothing cached, every answer read from the archived record.
    await ts.stop();
    const again = await ts.restart();
    const delegate = connectClient(again.syncUrl, m.id, m.tokens.delegate);
    await delegate.synced();
    expect(readMeeting(delegate.doc)).toEqual(final);
    expect(await answers(again.url, m.id, m.tokens.chair, m.tokens.delegate, moments)).toEqual(before);
    delegate.destroy();

    const del = await fetch(`${again.url}/api/meetings/${m.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${again.adminToken}` } });
    expect(del.status).toBe(204);
    await waitFor(() => counts(again.dataDir, m.id).rows + counts(again.dataDir, m.id).segments === 0, { what: 'the record to be removed' });
    expect(counts(again.dataDir, m.id)).toEqual({ rows: 0, segments: 0, archived: 0, checkpoints: 0 });
  }, 120_000);
});
