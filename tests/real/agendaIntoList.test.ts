/**
 * An agenda .docx brought into a meeting made from a TdocsByAgenda page (real files, PLENARY_REAL_DATA):
 * the agenda fills in what the list lacks (items, specs and rapporteurs, the time plan, the dates)
 * without duplicating an item, touching a Tdoc or raising a conflict; brought in again, it is quiet.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importMeeting } from '../../shared/formats/index.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { mergeImport, recordInitialImport } from '../../shared/merge/importMerge.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');
const read = async (path: string) => (await importMeeting(readFileSync(resolve(DATA, path)), { fileName: path.split('/').pop() })).meeting;

describe('a real agenda into a meeting made from a real Tdoc list', () => {
  it('adds the missing items and the sessions, fills empty fields, duplicates no item and leaves every Tdoc as it was', async () => {
    const list = await read('3gpp-tdocs-by-agenda/2020.02.29_TdocsByAgenda_SA2-137E.htm');
    const agenda = await read('3gpp-agendas/draft_S2-190xxxx_SA2-135-Agenda-v4.docx');
    const doc = createMeetingDoc(list);
    recordInitialImport(doc, list);
    const before = readMeeting(doc);

    const s = mergeImport(doc, agenda);
    const after = readMeeting(doc);
    const labelsBefore = new Set(before.agenda.map((a) => a.label.trim()));
    const addedItems = s.added.filter((a) => a.kind === 'agendaItem');
    // Only items whose number the meeting did not have; each once.
    expect(addedItems.length).toBeGreaterThan(0);
    for (const a of addedItems) expect(labelsBefore.has(a.label), a.label).toBe(false);
    expect(new Set(addedItems.map((a) => a.label)).size).toBe(addedItems.length);
    expect(after.agenda).toHaveLength(before.agenda.length + addedItems.length);
    expect(new Set(after.agenda.map((a) => a.label.trim()))).toEqual(new Set([...labelsBefore, ...agenda.agenda.map((a) => a.label.trim())]));
    // The time plan came in whole, each session on items found by number.
    expect(s.added.filter((a) => a.kind === 'session')).toHaveLength(agenda.sessions.length);
    expect(after.sessions).toHaveLength(agenda.sessions.length);
    const labelOf = new Map(after.agenda.map((a) => [a.id, a.label]));
    const fileLabelOf = new Map(agenda.agenda.map((a) => [a.id, a.label]));
    after.sessions.forEach((x) => {
      const fileSession = agenda.sessions.find((f) => f.date === x.date && f.start === x.start && f.title === x.title)!;
      expect(x.agendaItemIds.map((id) => labelOf.get(id))).toEqual(fileSession.agendaItemIds.map((id) => fileLabelOf.get(id)));
    });
    // Titles the list had stay; nothing conflicts, nothing is missing, no Tdoc changed.
    expect(s.conflicts).toEqual([]);
    expect(s.missing).toEqual([]);
    for (const a of before.agenda) if (a.title) expect(after.agenda.find((x) => x.id === a.id)!.title).toBe(a.title);
    expect(after.contributions).toEqual(before.contributions);
    expect(after.meta).toMatchObject({ title: before.meta.title, startDate: agenda.meta.startDate, venue: agenda.meta.venue, timezone: agenda.meta.timezone });

    // Both files again: nothing to do.
    const again = mergeImport(doc, agenda);
    expect({ added: again.added, updated: again.updated, conflicts: again.conflicts }).toEqual({ added: [], updated: [], conflicts: [] });
    const listAgain = mergeImport(doc, list);
    expect({ added: listAgain.added, updated: listAgain.updated, conflicts: listAgain.conflicts, missing: listAgain.missing }).toEqual({ added: [], updated: [], conflicts: [], missing: [] });
  });
});
