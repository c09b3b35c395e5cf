/**
 * Keeping a meeting in step with the portal, on the real 3GPP Tdoc list (PLENARY_REAL_DATA): the list
 * imported, edited in Plenary through a real provider, then the same list with rows changed, added and
 * removed (built here from the real file with exceljs) brought in again through the API.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { settleConflict, type MergeSummary } from '../../shared/merge/importMerge.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');
const LIST = resolve(DATA, '3gpp-tdoc-lists/TDoc_List_Meeting_RAN-110.xlsx');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Column numbers of the portal's TDoc_List sheet, by header. */
function columnsOf(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => out.set(String(cell.value), n));
  return out;
}

const text = (v: unknown): string => (v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : String(v ?? ''));

describe('a real Tdoc list brought in again', () => {
  it('G-LIFE-3 applies the portal changes, keeps the edits made in Plenary as conflicts, adds, lists what is missing, deletes nothing', async () => {
    const ts = await startTestServer();
    const original = readFileSync(LIST);
    const created = await fetch(`${ts.url}/api/meetings`, { method: 'POST', headers: { authorization: `Bearer ${ts.adminToken}`, 'content-type': XLSX }, body: original });
    expect(created.status).toBe(201);
    const m = (await created.json()) as { id: string; tokens: Record<string, string> };

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(original as never, { ignoreNodes: ['dataValidations'] } as never);
    const ws = wb.getWorksheet('TDoc_List')!;
    const col = columnsOf(ws);
    // Five plain rows from the middle of the list: no revision links in or out.
    const plain: number[] = [];
    for (let r = 200; plain.length < 5; r++) {
      const row = ws.getRow(r);
      if (!text(row.getCell(col.get('TDoc')!).value)) continue;
      if (text(row.getCell(col.get('Is revision of')!).value) || text(row.getCell(col.get('Revised to')!).value)) continue;
      plain.push(r);
    }
    const numberAt = (r: number) => text(ws.getRow(r).getCell(col.get('TDoc')!).value);
    const [rowA, rowB, rowC, rowD, rowS] = plain;
    const [a, b, c, d, sNumber] = plain.map(numberAt);

    // Plenary: the secretary fixes A's title and the chair decides S, through a real provider.
    const secretary = connectClient(ts.syncUrl, m.id, m.tokens.secretary);
    const delegate = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([secretary.synced(), delegate.synced()]);
    const before = readMeeting(secretary.doc);
    const byNumber = (n: string) => readMeeting(secretary.doc).contributions.find((x) => x.number === n)!;
    updateContribution(secretary.doc, byNumber(a).id, { title: 'Title as fixed in the room' });
    setContributionStatus(secretary.doc, byNumber(sNumber).id, 'agreed', { by: 'Chair' });

    // The portal: A and B retitled, B's Release changed, C's row now holds a new Tdoc, D's row emptied.
    const cell = (r: number, h: string) => ws.getRow(r).getCell(col.get(h)!);
    cell(rowA, 'Title').value = 'Title as the portal has it now';
    cell(rowB, 'Title').value = 'B retitled on the portal';
    cell(rowB, 'Release').value = 'Rel-99';
    cell(rowC, 'TDoc').value = 'RP-259990';
    cell(rowC, 'Title').value = 'A Tdoc reserved since';
    for (let n = 1; n <= ws.getRow(rowD).cellCount; n++) ws.getRow(rowD).getCell(n).value = null;
    const newer = Buffer.from(await wb.xlsx.writeBuffer());

    const send = (query = '') =>
      fetch(`${ts.url}/api/meetings/${m.id}/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${m.tokens.secretary}`, 'content-type': XLSX }, body: newer });
    const dry = (await (await send('?dryRun=1')).json()) as MergeSummary;
    expect(readMeeting(secretary.doc).contributions).toHaveLength(before.contributions.length);

    const res = await send();
    expect(res.status).toBe(200);
    const s = (await res.json()) as MergeSummary;
    expect(s.added.map((x) => x.label)).toEqual(dry.added.map((x) => x.label));
    expect(s.added.map((x) => `${x.kind} ${x.label}`)).toEqual(['contribution RP-259990']);
    expect(s.updated.map((u) => `${u.label} ${u.fields.map((f) => f.field).join(',')}`)).toEqual([`${b} title,columns`]);
    expect(s.conflicts.map((x) => [x.label, x.field, x.plenary, x.file])).toEqual([[a, 'title', 'Title as fixed in the room', 'Title as the portal has it now']]);
    expect(s.missing.map((x) => x.label).sort()).toEqual([c, d].sort());
    expect(s.unchanged).toBe(before.contributions.length + before.agenda.length - 4);

    // The follower sees the merge; nothing is deleted; the room's decision and title stay.
    await waitFor(() => readMeeting(delegate.doc).contributions.length === before.contributions.length + 1, { what: 'the merge on the delegate' });
    const after = readMeeting(delegate.doc);
    const row = (n: string) => after.contributions.find((x) => x.number === n)!;
    expect(row(b)).toMatchObject({ title: 'B retitled on the portal' });
    expect(row(b).columns?.Release).toBe('Rel-99');
    expect(row(a).title).toBe('Title as fixed in the room');
    expect(row(sNumber).status).toBe('agreed');
    expect(row(c)).toBeDefined();
    expect(row(d)).toBeDefined();
    expect(row('RP-259990').agendaItemId).toBe(row(c).agendaItemId);

    // The secretary takes the portal's title for A from the page; the same file is then quiet.
    settleConflict(secretary.doc, s.conflicts[0], 'file');
    await waitFor(() => readMeeting(delegate.doc).contributions.find((x) => x.number === a)!.title === 'Title as the portal has it now');
    const quiet = (await (await send('?dryRun=1')).json()) as MergeSummary;
    expect({ added: quiet.added, updated: quiet.updated, conflicts: quiet.conflicts }).toEqual({ added: [], updated: [], conflicts: [] });
    expect(quiet.missing.map((x) => x.label).sort()).toEqual([c, d].sort());
  });
});
