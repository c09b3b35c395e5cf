/**
 * The body's own output (issue 25): the meeting as 3GPP SA WG2's "Tdocs by agenda" page (`export.htm`), in
 * the layout the importer reads (htmlTdocsByAgenda.ts): a heading (the meeting, its venue, dates and time
 * zone), "Temporary Documents List - Ordered by Agenda Item", then one table with SA2's columns AI, TD#,
 * Type, Doc For, Subject, Source, Rel, Work Item, Comments, Result. Each agenda item is a row of its own
 * (its number in AI, `-` in the Tdoc columns, its title under Subject, `Docs:=N` under Comments), in board
 * order, followed by its Tdocs: Result is the meeting's decision (blank while `available`), Comments its
 * notes. After the table, the count per result and "Total documents: N", which the importer checks.
 *
 * What SA2's page has no column for follows its ten columns, only when the meeting has any: the revision
 * and merge links (to Tdocs outside the meeting too), aliases, abstract, secretary remarks, and the other
 * cells of an imported list (`columns`), so that the page re-imports as the same meeting. UTF-8, every
 * text escaped; a standalone page that opens in any browser.
 */
import type { AgendaItem, Contribution, MeetingJson } from '../document/meetingSchema.js';
import { agendaPreorder } from '../document/agendaTree.js';
import { DEFAULT_STATUS, statusLabel } from '../document/statuses.js';
import { COLUMNS_LIMITS } from '../document/meetingSchema.js';
import { revisionCells } from './revisionLinks.js';
import { tdocField } from './tdocColumns.js';
import { UNLABELLED, splitLabel } from './normalize.js';
import type { ExportResult } from './types.js';

/** SA2's columns, in its order. `Rel` and `Work Item` are the page's own cells (`columns`). */
export const TDOCS_BY_AGENDA_COLUMNS = ['AI', 'TD#', 'Type', 'Doc For', 'Subject', 'Source', 'Rel', 'Work Item', 'Comments', 'Result'] as const;
const OWN_CELLS = ['Rel', 'Work Item'];

/** Columns after SA2's: each written only when some contribution has a value for it. */
const FIELD_COLUMNS: [string, (c: Contribution, links: ReturnType<typeof revisionCells>, numberOf: Map<string, string>) => string][] = [
  ['Is revision of', (c, links) => links.revisionOf(c)],
  ['Revised to', (c, links) => links.revisedTo(c).join(', ')],
  ['Merged to', (c, _links, numberOf) => (c.mergedInto ? numberOf.get(c.mergedInto) ?? '' : '')],
  ['Aliases', (c) => c.aliases.join(', ')],
  ['Abstract', (c) => c.abstract ?? ''],
  ['Secretary Remarks', (c) => c.secretaryRemarks ?? ''],
];

/**
 * Item rows by level: the page's blue for items placed by their number (or unnumbered at the top), then
 * one colour per level for items their number does not place (a sub-group with its parent's number, as
 * SA2 #137-e has, or an unnumbered sub-item): the importer nests them by these colours.
 */
const LEVEL_BG = ['#99CCFF', '#00FF00', '#FFFF99', '#CCCCFF', '#FF99CC'];
const DOC_BG = '#FFFFFF';
const WITHDRAWN_BG = '#D9D9D9';

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** A cell's text: escaped, line breaks as <br>, control characters left out. */
function cellHtml(s: string): string {
  return esc(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')).replace(/\r?\n/g, '<br>');
}

function row(cells: string[], bg: string, cls: string): string {
  return `<tr class="${cls}" valign="top">${cells.map((c) => `<td bgcolor="${bg}">${cellHtml(c)}</td>`).join('')}</tr>`;
}

/** The other cells of imported lists (`columns` keys) the page writes after its own, in first-seen order. */
function otherColumns(m: MeetingJson): string[] {
  const seen = new Set<string>([...TDOCS_BY_AGENDA_COLUMNS, ...FIELD_COLUMNS.map(([h]) => h)]);
  const out: string[] = [];
  for (const c of m.contributions) {
    for (const h of Object.keys(c.columns ?? {})) {
      if (seen.has(h) || !h.trim() || tdocField(h) !== undefined || out.length >= COLUMNS_LIMITS.maxKeys) continue;
      seen.add(h);
      out.push(h);
    }
  }
  return out;
}

/** The heading: the meeting's title, then the facts the importer reads back (labelled lines). */
function heading(m: MeetingJson): string {
  const { title, venue, startDate, endDate, timezone, chair, secretary, body } = m.meta;
  const dates = startDate && endDate && endDate !== startDate ? `${startDate} to ${endDate}` : startDate;
  const facts: [string, string][] = [
    ['Venue', venue],
    ['Dates', dates],
    ['Time zone', timezone && timezone !== 'UTC' ? timezone : ''],
    ['Chair', chair],
    ['Secretary', secretary],
    ['Body', body ?? ''],
  ];
  return [
    `<h1 class="meeting-title">${cellHtml(title || 'Tdocs by agenda item')}</h1>`,
    ...facts.filter(([, v]) => v).map(([k, v]) => `<p class="meeting-fact">${k}: ${cellHtml(v)}</p>`),
    '<p><font face="Arial" style="font-size:16pt">List for Meeting: <b>All Sessions</b></font><br>',
    '<font face="Arial"><b>Temporary Documents List - Ordered by Agenda Item</b></font></p>',
  ].join('\n');
}

/**
 * Each item's level on the page: 1 when the importer would place it where it is by its number alone (the
 * first item numbered as its nearest numbered ancestor: '9.1.1' under '9.1', or under '9' when there is
 * no '9.1'; none for an unnumbered one), else one below its parent's.
 */
function itemLevels(agenda: readonly AgendaItem[]): Map<string, number> {
  const first = new Map<string, string>();
  for (const a of agenda) {
    const l = a.label.trim().replace(/\.$/, '');
    if (l && !first.has(l)) first.set(l, a.id);
  }
  const implied = (a: AgendaItem): string | null => {
    const parts = a.label.trim().replace(/\.$/, '').split('.');
    for (let n = parts.length - 1; n >= 1; n--) {
      const hit = first.get(parts.slice(0, n).join('.'));
      if (hit && hit !== a.id) return hit;
    }
    return null;
  };
  const level = new Map<string, number>();
  for (const a of agenda) level.set(a.id, implied(a) === a.parentId ? 1 : (level.get(a.parentId ?? '') ?? 1) + 1);
  return level;
}

export function exportTdocsByAgendaHtm(m: MeetingJson): ExportResult {
  const links = revisionCells(m);
  const numberOf = new Map(m.contributions.map((c) => [c.id, c.number]));
  const fields = FIELD_COLUMNS.filter(([, get]) => m.contributions.some((c) => get(c, links, numberOf)));
  const others = otherColumns(m);
  const header = [...TDOCS_BY_AGENDA_COLUMNS, ...fields.map(([h]) => h), ...others];
  const byItem = new Map<string, Contribution[]>();
  for (const c of m.contributions) byItem.set(c.agendaItemId, [...(byItem.get(c.agendaItemId) ?? []), c]);
  const tdocRow = (c: Contribution, label: string) => {
    const status = c.status === DEFAULT_STATUS ? '' : statusLabel(m.statuses, c.status);
    const cells = [label, c.number, c.type ?? '', c.for ?? '', c.title, c.source, ...OWN_CELLS.map((h) => c.columns?.[h] ?? ''), c.notes, status];
    cells.push(...fields.map(([, get]) => get(c, links, numberOf)), ...others.map((h) => c.columns?.[h] ?? ''));
    return row(cells, c.status === 'withdrawn' ? WITHDRAWN_BG : DOC_BG, 'tdoc');
  };
  const rows: string[] = [];
  // Tdocs under no agenda item first: read back, they come before any item row and stay under none.
  for (const c of byItem.get('') ?? []) rows.push(tdocRow(c, ''));
  const preorder = agendaPreorder(m.agenda).map((n) => n.item);
  const levels = itemLevels(preorder);
  for (const item of preorder) {
    const docs = byItem.get(item.id) ?? [];
    const dash = header.map(() => '-');
    dash[0] = item.label;
    // An unnumbered title that starts like a number ('5G topics') is marked so it reads back without one.
    dash[4] = !item.label && splitLabel(item.title)[0] ? UNLABELLED + item.title : item.title;
    dash[8] = `Docs:=${docs.length}`;
    const level = levels.get(item.id) ?? 1;
    rows.push(row(dash, LEVEL_BG[Math.min(level, LEVEL_BG.length) - 1], 'agenda-item'));
    for (const c of docs) rows.push(tdocRow(c, item.label));
  }
  const counts = new Map<string, number>();
  for (const c of m.contributions) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const totals = m.statuses
    .filter((s) => counts.get(s.id))
    .map((s) => `<p><font face="Arial" style="font-size:10pt">${cellHtml(s.label)}: <b>${counts.get(s.id)} </b></font></p>`);
  const html = [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${cellHtml(m.meta.title || 'Tdocs by agenda item')}</title>`,
    '<style>body{font-family:Arial,sans-serif}table{border-collapse:collapse}td,th{border:1px solid #000;padding:2px 4px;font-size:8pt;vertical-align:top}th{background:#C0C0C0}</style>',
    '</head><body>',
    heading(m),
    '<table border="1" cellspacing="0" width="1000">',
    `<thead><tr valign="top">${header.map((h) => `<th bgcolor="#C0C0C0"><b>${cellHtml(h)}</b></th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows,
    '</tbody></table>',
    '<p><font face="Arial"><b>END OF LIST</b></font></p>',
    ...totals,
    `<p><font face="Arial" style="font-size:16pt" color="#FF0000">Total documents: <b>${m.contributions.length} </b></font></p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { data: html, contentType: 'text/html; charset=utf-8' };
}
