/**
 * A meeting as the rows of a 3GPP Tdoc list: the portal's 36 columns in its order (those we do not hold left
 * empty), then Comments, Merged to and Aliases. Agenda items without documents get a row of their own with
 * no TDoc, so the agenda survives a round trip through the list.
 */
import type { MeetingJson } from '../meetingSchema.js';
import { statusLabel } from '../statuses.js';
import { EXTRA_COLUMNS, TDOC_LIST_COLUMNS } from './tdocColumns.js';

export const TDOC_LIST_HEADER: readonly string[] = [...TDOC_LIST_COLUMNS, ...EXTRA_COLUMNS];

/** Header row, then one row per contribution (and per agenda item without any), all cells strings or numbers. */
export function tdocListRows(m: MeetingJson): (string | number)[][] {
  const col = new Map(TDOC_LIST_HEADER.map((h, i) => [h, i]));
  const numberOf = new Map(m.contributions.map((c) => [c.id, c.number]));
  const revisedTo = new Map<string, string[]>();
  for (const c of m.contributions) {
    if (c.revisionOf) revisedTo.set(c.revisionOf, [...(revisedTo.get(c.revisionOf) ?? []), c.number]);
  }
  const byItem = new Map<string, typeof m.contributions>();
  for (const c of m.contributions) byItem.set(c.agendaItemId, [...(byItem.get(c.agendaItemId) ?? []), c]);

  const rows: (string | number)[][] = [[...TDOC_LIST_HEADER]];
  const blank = () => TDOC_LIST_HEADER.map(() => '' as string | number);
  const put = (row: (string | number)[], name: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') row[col.get(name)!] = v;
  };
  const agendaRow = (row: (string | number)[], sort: number | '', label: string, title: string) => {
    put(row, 'Agenda item sort order', sort);
    put(row, 'Agenda item', label);
    put(row, 'Agenda item description', title);
  };
  const groups: { sort: number | ''; label: string; title: string; list: typeof m.contributions }[] = m.agenda.map((a, i) => ({
    sort: i + 1,
    label: a.label,
    title: a.title,
    list: byItem.get(a.id) ?? [],
  }));
  const loose = byItem.get('') ?? [];
  if (loose.length) groups.push({ sort: '', label: '', title: '', list: loose });
  for (const g of groups) {
    if (g.list.length === 0) {
      const row = blank();
      agendaRow(row, g.sort, g.label, g.title);
      rows.push(row);
      continue;
    }
    g.list.forEach((c, j) => {
      const row = blank();
      put(row, 'TDoc', c.number);
      put(row, 'Title', c.title);
      put(row, 'Source', c.source);
      put(row, 'Type', c.type);
      put(row, 'For', c.for);
      put(row, 'Abstract', c.abstract);
      put(row, 'Secretary Remarks', c.secretaryRemarks);
      agendaRow(row, g.sort, g.label, g.title);
      put(row, 'TDoc sort order within agenda item', j + 1);
      put(row, 'TDoc Status', statusLabel(m.statuses, c.status));
      put(row, 'Is revision of', c.revisionOf ? numberOf.get(c.revisionOf) : undefined);
      put(row, 'Revised to', (revisedTo.get(c.id) ?? []).join(', '));
      put(row, 'Comments', c.notes);
      put(row, 'Merged to', c.mergedInto ? numberOf.get(c.mergedInto) : undefined);
      put(row, 'Aliases', c.aliases.join(', '));
      rows.push(row);
    });
  }
  return rows;
}
