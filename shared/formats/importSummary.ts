/**
 * What an import brought in, at a glance: per agenda item (in agenda order, with its depth), how many Tdocs
 * sit under it, plus the Tdocs under no item. For the CLI's `--summary` and for the page after an upload,
 * so a secretary can hold the board's counts against the portal's.
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import { agendaPreorder } from '../document/agendaTree.js';

export interface ImportSummaryItem {
  id: string;
  label: string;
  title: string;
  /** 0 for a top-level item. */
  depth: number;
  /** Tdocs allocated to this very item (not counting its sub-items). */
  tdocs: number;
  /** Tdocs under this item and all its sub-items. */
  tdocsWithin: number;
}

export interface ImportSummary {
  items: ImportSummaryItem[];
  /** Tdocs not allocated to any agenda item. */
  unallocated: number;
  /** All Tdocs. */
  tdocs: number;
  agendaItems: number;
  sessions: number;
  timezone: string;
}

/** Counts per agenda item, in the board's order. Linear in the meeting's size. */
export function importSummary(m: MeetingJson): ImportSummary {
  const own = new Map<string, number>();
  let unallocated = 0;
  const known = new Set(m.agenda.map((a) => a.id));
  for (const c of m.contributions) {
    if (c.agendaItemId && known.has(c.agendaItemId)) own.set(c.agendaItemId, (own.get(c.agendaItemId) ?? 0) + 1);
    else unallocated++;
  }
  const nodes = agendaPreorder(m.agenda);
  const items: ImportSummaryItem[] = nodes.map((n) => ({
    id: n.item.id,
    label: n.item.label,
    title: n.item.title,
    depth: n.depth,
    tdocs: own.get(n.item.id) ?? 0,
    tdocsWithin: own.get(n.item.id) ?? 0,
  }));
  // Pre-order: add each item's total into its parent's, deepest first (a stack of open ancestors).
  const stack: ImportSummaryItem[] = [];
  const closeTo = (depth: number) => {
    while (stack.length > depth) {
      const done = stack.pop()!;
      if (stack.length) stack[stack.length - 1].tdocsWithin += done.tdocsWithin;
    }
  };
  for (const it of items) {
    closeTo(it.depth);
    stack.push(it);
  }
  closeTo(0);
  return { items, unallocated, tdocs: m.contributions.length, agendaItems: m.agenda.length, sessions: m.sessions.length, timezone: m.meta.timezone };
}

/** The summary as lines of text: one per agenda item, indented by depth, its Tdoc count right-aligned. */
export function formatImportSummary(s: ImportSummary): string {
  const width = String(s.tdocs).length;
  const lines = s.items.map((it) => {
    const name = `${'  '.repeat(it.depth)}${[it.label, it.title].filter(Boolean).join(' ')}`;
    const within = it.tdocsWithin !== it.tdocs ? ` (${it.tdocsWithin} with sub-items)` : '';
    return `${String(it.tdocs).padStart(width)}  ${name}${within}`;
  });
  if (s.unallocated) lines.push(`${String(s.unallocated).padStart(width)}  (no agenda item)`);
  lines.push(`${s.tdocs} Tdocs, ${s.agendaItems} agenda items, ${s.sessions} sessions; time zone ${s.timezone}`);
  return lines.join('\n') + '\n';
}
