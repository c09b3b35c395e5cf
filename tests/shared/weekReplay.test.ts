/**
 * A week replayed on a generated final Tdoc list (issue 25; the same replay runs on a real 3GPP list in
 * tests/real/weekReplay.test.ts): Monday's list, two editors taking every decision and revising with the
 * body's numbers through the board's operations, two newer lists with the portal's lag and fill-ins, then
 * the final list, each merged as the board merges it and its conflicts settled keeping Plenary's.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addAgendaItem } from '../../shared/document/agendaOps.js';
import { addContribution } from '../../shared/document/contributionOps.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { setMeta } from '../../shared/document/meetingParts.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { mergeImport, recordInitialImport, settleConflict, type MergeSummary } from '../../shared/merge/importMerge.js';
import { revisionCells } from '../../shared/formats/revisionLinks.js';
import { applyRoomEvent, planWeek, type WeekTimes } from '../helpers/weekReplay.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { emptyMeetingDoc, replicaOf, syncBoth } from './meetingTestDoc.js';

const DAY = 86_400_000;
const MONDAY = Date.UTC(2026, 1, 23, 8);
const TIMES: WeekTimes = { monday: MONDAY, merges: [MONDAY + DAY + 10 * 3_600_000, MONDAY + 2 * DAY + 10 * 3_600_000], end: MONDAY + 4 * DAY, lagMs: 12 * 3_600_000 };

/** The portal's way of writing a reservation time: `2/23/2026 9:05:00 AM`. */
function portalDate(t: number): string {
  const d = new Date(t);
  const h = d.getUTCHours();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 || 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

/** A final list of a week: 220 Tdocs under 24 items, ~45 revised during the week (some twice), 5 revising an earlier meeting's. */
function finalList(seed: number): MeetingJson {
  const rng = seededRandom(seed);
  const doc = emptyMeetingDoc();
  setMeta(doc, { title: 'SA2#173', body: '3GPP', startDate: '2026-02-23', endDate: '2026-02-27' });
  const items: string[] = [];
  for (let k = 1; k <= 8; k++) {
    const top = addAgendaItem(doc, { label: String(k), title: `Topic ${k}` });
    items.push(top);
    for (let j = 1; j <= 2; j++) items.push(addAgendaItem(doc, { label: `${k}.${j}`, title: `Topic ${k}.${j}`, parentId: top }));
  }
  const rows: { id: string; number: string; title: string; at: number }[] = [];
  let n = 2600100;
  const add = (title: string, item: string, reservedAt: number, status: string, revisionOf?: { id: string }) => {
    const uploaded = status === 'withdrawn' && rng.chance(0.5) ? undefined : reservedAt + rng.int(1, 40) * 3_600_000 * (reservedAt < MONDAY ? 1 : 0.1);
    const number = `S2-${n++}`;
    const id = addContribution(doc, {
      number,
      title,
      source: rng.pick(['Nokia', 'Ericsson', 'Huawei, HiSilicon', 'Qualcomm Incorporated']),
      type: rng.pick(['CR', 'pCR', 'discussion', 'LS out']),
      for: 'Approval',
      agendaItemId: item,
      status,
      columns: { Contact: rng.word(4, 8), 'Reservation date': portalDate(reservedAt), ...(uploaded ? { Uploaded: new Date(uploaded).toISOString() } : {}), Release: 'Rel-20' },
    });
    if (revisionOf) (doc.getMap('contributions').get(id) as Y.Map<unknown>).set('revisionOf', revisionOf.id);
    rows.push({ id, number, title, at: reservedAt });
    return rows[rows.length - 1];
  };
  const FINAL = ['approved', 'agreed', 'noted', 'noted', 'endorsed', 'withdrawn', 'postponed', 'not-treated'];
  for (let i = 0; i < 175; i++) {
    const item = rng.pick(items);
    const revised = rng.chance(0.25);
    const original = add(`Proposal ${i} on ${rng.word()}`, item, MONDAY - rng.int(2, 30) * DAY, revised ? 'revised' : rng.pick(FINAL));
    if (!revised) continue;
    const twice = rng.chance(0.15);
    const at = MONDAY + rng.int(2, 80) * 3_600_000;
    const r1 = add(rng.chance(0.4) ? `${original.title} (revision)` : original.title, item, at, twice ? 'revised' : rng.pick(['approved', 'agreed', 'noted']), original);
    if (twice) add(r1.title, item, at + rng.int(1, 10) * 3_600_000, 'approved', r1);
  }
  for (let i = 0; i < 5; i++) {
    const id = add(`Resubmission ${i}`, rng.pick(items), MONDAY - DAY, 'approved').id;
    (doc.getMap('contributions').get(id) as Y.Map<unknown>).set('revisionOfNumber', `S2-25${10000 + i}`);
  }
  return readMeeting(doc);
}

describe('a week of merges', () => {
  it('G-WEEK-5 leaves at most 5 conflicts, exactly the changes a person made that the portal contradicts, and every decision and link exact', () => {
    const final = finalList(250225);
    const plan = planWeek(final, TIMES);
    expect(plan.revisedInRoom).toBeGreaterThan(20);
    expect(plan.retitled).toHaveLength(2);
    // Two editors on two replicas; the secretary brings the lists in, as the board does.
    const secretary = createMeetingDoc(plan.monday);
    recordInitialImport(secretary, plan.monday);
    const chair = replicaOf(secretary);
    const lists = [...TIMES.merges.map((t) => plan.listAt(t)), final];
    const at = [...TIMES.merges, Infinity];
    const summaries: MergeSummary[] = [];
    let next = 0;
    for (let k = 0; k < lists.length; k++) {
      // The editors take turns, 20 actions each, and see each other's between turns.
      for (; next < plan.events.length && plan.events[next].at < at[k]; next++) {
        const turn = Math.floor(next / 20) % 2;
        applyRoomEvent(turn ? secretary : chair, plan.events[next], turn ? 'Secretary' : 'Chair');
        if (next % 20 === 19) syncBoth(chair, secretary);
      }
      syncBoth(chair, secretary);
      const dry = mergeImport(secretary, lists[k], { dryRun: true });
      const s = mergeImport(secretary, lists[k], { by: 'Secretary' });
      // The dry run told the same (new rows get their ids when added).
      const noIds = (x: MergeSummary) => ({ ...x, added: x.added.map(({ id: _id, ...a }) => a) });
      expect(noIds(s)).toEqual(noIds(dry));
      for (const c of s.conflicts) settleConflict(secretary, c, 'plenary');
      syncBoth(chair, secretary);
      summaries.push(s);
    }
    for (; next < plan.events.length; next++) applyRoomEvent(chair, plan.events[next], 'Chair');
    syncBoth(chair, secretary);

    const conflicts = summaries.flatMap((s) => s.conflicts);
    expect(conflicts.length).toBeLessThanOrEqual(5);
    expect(conflicts.map((c) => `${c.label} ${c.field}`).sort()).toEqual(plan.retitled.map((n) => `${n} title`).sort());
    const silent = summaries.flatMap((s) => s.silent);
    expect(new Set(silent.map((x) => x.why))).toEqual(new Set(['plenary-wrote', 'portal-behind']));
    // Nothing reported missing: a revision the room made before the portal listed it is not "gone".
    expect(summaries.flatMap((s) => s.missing)).toEqual([]);

    const m = readMeeting(secretary);
    expect(readMeeting(chair)).toEqual(m);
    const byNumber = new Map(m.contributions.map((c) => [c.number, c]));
    const got = revisionCells(m);
    const want = revisionCells(final);
    for (const c of final.contributions) {
      const x = byNumber.get(c.number)!;
      expect([c.number, x.status, got.revisionOf(x), got.revisedTo(x)]).toEqual([c.number, c.status, want.revisionOf(c), want.revisedTo(c)]);
      // The portal's cells, Contact and Uploaded included, are the portal's (the revisions' too).
      expect(x.columns).toEqual(c.columns);
    }
    expect(m.contributions).toHaveLength(final.contributions.length);
  });
});
