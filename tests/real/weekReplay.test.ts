/**
 * A real week replayed (issue 25) on the 3GPP TSG RAN #110 final Tdoc list (PLENARY_REAL_DATA): Monday's
 * list, the room's decisions and revisions (with the body's numbers) taken by two editors through real
 * providers with the board's operations, two newer lists of the week derived from the real file by the
 * times it records (the portal's lag on decisions, its fill-ins of the revisions made in the room; see
 * tests/helpers/weekReplay.ts), then the real final file itself, each brought in through the API as the
 * portal's .xlsx. Counts the conflicts (the target: at most 5 in all) and checks the end against the
 * portal's final list: every status, every revision pair, every link to an earlier meeting.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectClient } from '../helpers/connectClient.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { applyRoomEvent, planWeek, type WeekTimes } from '../helpers/weekReplay.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { revisionCells } from '../../shared/formats/revisionLinks.js';
import { settleConflict, type MergeSummary } from '../../shared/merge/importMerge.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');
const LIST = resolve(DATA, '3gpp-tdoc-lists/TDoc_List_Meeting_RAN-110.xlsx');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// RAN #110, Baltimore (UTC-5), 8–11 December 2025: Monday 08:00, lists on Tuesday and Wednesday evening.
const TIMES: WeekTimes = {
  monday: Date.UTC(2025, 11, 8, 13),
  merges: [Date.UTC(2025, 11, 9, 23), Date.UTC(2025, 11, 10, 23)],
  end: Date.UTC(2025, 11, 11, 23),
  lagMs: 12 * 3_600_000,
};

const bytes = async (m: Parameters<typeof exportMeeting>[0]) => Buffer.from((await exportMeeting(m, 'xlsx')).data as Uint8Array);

describe('a real plenary week replayed', () => {
  it('G-WEEK-5 brings three newer lists into a live meeting with at most 5 conflicts, and ends as the portal final list', async () => {
    const original = readFileSync(LIST);
    const final = (await importMeeting(new Uint8Array(original), { fileName: 'TDoc_List_Meeting_RAN-110.xlsx' })).meeting;
    const plan = planWeek(final, TIMES);
    const ts = await startTestServer();
    const created = await fetch(`${ts.url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': XLSX }, body: await bytes(plan.monday) });
    const m = (await created.json()) as { id: string; tokens: Record<string, string>; error?: string };
    expect(created.status, m.error).toBe(201);
    const chair = connectClient(ts.syncUrl, m.id, m.tokens.chair);
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), secretary.synced(), delegate.synced()]);
    const server = () => ts.server.rooms.get(m.id)!.doc;
    const settled = (docs: Y.Doc[], what: string) =>
      waitFor(() => docs.every((d) => Buffer.from(Y.encodeStateVector(d)).equals(Buffer.from(Y.encodeStateVector(server())))), { what, timeoutMs: 60_000 });

    const files = [...(await Promise.all(TIMES.merges.map((t) => bytes(plan.listAt(t))))), original];
    const at = [...TIMES.merges, Infinity];
    const summaries: MergeSummary[] = [];
    const dryMs: number[] = [];
    let next = 0;
    for (let k = 0; k < files.length; k++) {
      // The editors take turns, 20 actions each, each on the board as the other left it.
      for (; next < plan.events.length && plan.events[next].at < at[k]; next++) {
        const turn = Math.floor(next / 20) % 2;
        applyRoomEvent(turn ? secretary.doc : chair.doc, plan.events[next], turn ? 'Secretary' : 'Chair');
        if (next % 20 === 19) await settled([chair.doc, secretary.doc], 'the editors to see each other');
      }
      await settled([chair.doc, secretary.doc], 'the decisions to reach the server');
      const send = (query: string) =>
        fetch(`${ts.url}/api/meetings/${m.id}/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.secretary}`, 'content-type': XLSX }, body: files[k] });
      const t0 = performance.now();
      const dry = await send('?dryRun=1');
      dryMs.push(performance.now() - t0);
      expect(dry.status).toBe(200);
      const res = await send('');
      expect(res.status).toBe(200);
      const s = (await res.json()) as MergeSummary;
      summaries.push(s);
      await settled([secretary.doc], 'the merge on the secretary');
      // The secretary keeps the room's value in each conflict, from the board.
      for (const c of s.conflicts) settleConflict(secretary.doc, c, 'plenary', { by: 'Secretary' });
      await settled([chair.doc, secretary.doc], 'the settling');
    }
    for (; next < plan.events.length; next++) applyRoomEvent(chair.doc, plan.events[next], 'Chair');
    await settled([chair.doc, secretary.doc, delegate.doc], 'the end of the week on every client');

    const conflicts = summaries.flatMap((s) => s.conflicts);
    const silent = summaries.flatMap((s) => s.silent);
    const count = (why: string) => silent.filter((x) => x.why === why).length;
    console.log(
      `week replay (RAN #110, ${final.contributions.length} Tdocs, ${plan.events.length} actions of the room, ${plan.revisedInRoom} revisions made in the room): ` +
        summaries.map((s, i) => `merge ${i + 1}: +${s.added.length} ~${s.updated.length} conflicts ${s.conflicts.length} silent ${s.silent.length}`).join('; ') +
        `; silent: ${count('plenary-wrote')} copies replaced, ${count('portal-behind')} decisions kept, ${count('link-kept')} links kept; dry runs ${dryMs.map((x) => Math.round(x)).join(', ')} ms`,
    );
    expect(conflicts.length).toBeLessThanOrEqual(5);
    expect(conflicts.map((c) => `${c.label} ${c.field}`).sort()).toEqual(plan.retitled.map((n) => `${n} title`).sort());
    expect(summaries.flatMap((s) => s.missing)).toEqual([]);

    // The end of the week: the follower's board against the portal's final list, through the export.
    const exported = await fetch(`${ts.url}/api/meetings/${m.id}/export.xlsx?token=${m.tokens.delegate}`);
    const back = (await importMeeting(new Uint8Array(await exported.arrayBuffer()), { format: 'xlsx' })).meeting;
    const live = readMeeting(delegate.doc);
    expect(live.contributions).toHaveLength(final.contributions.length);
    for (const end of [live, back]) {
      const byNumber = new Map(end.contributions.map((c) => [c.number, c]));
      const got = revisionCells(end);
      const want = revisionCells(final);
      const diff = final.contributions
        .map((c) => {
          const x = byNumber.get(c.number);
          return x && x.status === c.status && got.revisionOf(x) === want.revisionOf(c) && got.revisedTo(x).join() === want.revisedTo(c).join() ? '' : c.number;
        })
        .filter(Boolean);
      expect(diff).toEqual([]);
      expect(new Set(end.agenda.map((a) => a.label))).toEqual(new Set(final.agenda.map((a) => a.label)));
    }
    // The links to an earlier meeting's Tdocs are in "Is revision of", not in the notes.
    const earlier = final.contributions.filter((c) => c.revisionOfNumber);
    expect(earlier).toHaveLength(11);
    for (const c of earlier) expect(back.contributions.find((x) => x.number === c.number)).toMatchObject({ revisionOfNumber: c.revisionOfNumber, notes: '' });
  });
});
