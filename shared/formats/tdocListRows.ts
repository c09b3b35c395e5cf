/**
 * A meeting as the rows of a 3GPP Tdoc list: the portal's 36 columns in its order, then Comments, Merged to
 * and Aliases, then the other columns the imported list had. Portal columns we have no field for (Contact,
 * Release, Spec, CR ...) take the contribution's `columns` cells, so a list imported and exported comes back
 * with them; those nobody filled stay empty. Agenda items without documents get a row of their own with no
 * TDoc, so the agenda survives a round trip through the list.
 */
import { COLUMNS_LIMITS, type Contribution, type MeetingJson } from '../document/meetingSchema.js';
import { statusLabel } from '../document/statuses.js';
import { EXTRA_COLUMNS, TDOC_LIST_COLUMNS, tdocField } from './tdocColumns.js';
import { positionsByTdoc, positionsCell, roundByTdoc, roundCell, roundViews } from '../positions/positionsText.js';
import { revisionCells } from './revisionLinks.js';

/** The columns every export has, in this order; tdocListHeader adds the meeting's own after them. */
export const TDOC_LIST_HEADER: readonly string[] = [...TDOC_LIST_COLUMNS, ...EXTRA_COLUMNS];

/**
 * The header of a meeting's list: TDOC_LIST_HEADER, then every header found in the contributions' `columns`
 * that is not one of those, in first-seen order. Headers that name a field (a `columns` key 'Status' from
 * hand-written JSON) are left out: read back, their cells would land in that field, not in `columns`.
 * At most COLUMNS_LIMITS.maxKeys headers are added, as many as one imported list can bring: every list
 * round-trips, and rows × columns stays bounded when each contribution names different ones (the cells of
 * further headers stay in the meeting and its JSON, but not in the sheet).
 */
export function tdocListHeader(contributions: readonly Contribution[]): string[] {
  const header = [...TDOC_LIST_HEADER];
  const seen = new Set(header);
  for (const c of contributions) {
    if (!c.columns) continue;
    for (const h of Object.keys(c.columns)) {
      if (seen.has(h)) continue;
      seen.add(h);
      if (!h.trim() || tdocField(h) !== undefined) continue;
      if (header.length >= TDOC_LIST_HEADER.length + COLUMNS_LIMITS.maxKeys) return header;
      header.push(h);
    }
  }
  return header;
}

/** Header row, then one row per contribution (and per agenda item without any), all cells strings or numbers. */
export function tdocListRows(m: MeetingJson): (string | number)[][] {
  const header = tdocListHeader(m.contributions);
  const col = new Map(header.map((h, i) => [h, i]));
  /** Which `columns` keys a column takes: those of no field (the portal's Contact ..., and the appended ones). */
  const byColumns = new Set(header.filter((h) => tdocField(h) === undefined));
  const numberOf = new Map(m.contributions.map((c) => [c.id, c.number]));
  const links = revisionCells(m);
  const byItem = new Map<string, typeof m.contributions>();
  for (const c of m.contributions) byItem.set(c.agendaItemId, [...(byItem.get(c.agendaItemId) ?? []), c]);
  const positions = positionsByTdoc(m);
  const rounds = roundByTdoc(roundViews(m));
  const num = (id: string) => numberOf.get(id) ?? '';

  const rows: (string | number)[][] = [header];
  const blank = () => header.map(() => '' as string | number);
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
      put(row, 'Is revision of', links.revisionOf(c));
      put(row, 'Revised to', links.revisedTo(c).join(', '));
      put(row, 'Comments', c.notes);
      put(row, 'Merged to', c.mergedInto ? numberOf.get(c.mergedInto) : undefined);
      put(row, 'Aliases', c.aliases.join(', '));
      put(row, 'Positions', positionsCell(positions.get(c.id) ?? [], num));
      put(row, 'E-mail approval', rounds.has(c.id) ? roundCell(rounds.get(c.id)!) : '');
      if (c.columns) for (const [h, v] of Object.entries(c.columns)) if (byColumns.has(h)) put(row, h, v);
      rows.push(row);
    });
  }
  return rows;
}
