/**
 * The `text` importer: a Word agenda saved as text (oneM2M / ETSI layout) to meeting JSON.
 *
 * Reads by structure, not by the content of one file: numbered headings (`5.2<TAB>Title`) make the agenda
 * tree; the cover table before the first heading gives `meta`; a row naming a weekday starts a schedule
 * whose time-range rows are sessions; a `WHAT | WHO` header starts an action table; rows starting with a
 * document number are contributions of the heading above; bullets of an "objectives" heading are
 * objectives; `Name: vX.Y.Z (ref)` lines are draft deliverables; every other line or row under a heading
 * is kept in that item's notes. Linear in the size of the input.
 */
import {
  MEETING_FORMAT,
  MEETING_FORMAT_VERSION,
  emptyLive,
  type Action,
  type AgendaItem,
  type Contribution,
  type Deliverable,
  type MeetingJson,
  type Objective,
  type Session,
} from '../document/meetingSchema.js';
import { newId } from '../document/ids.js';
import { ranksBetween } from '../document/ranks.js';
import { agendaPreorder } from '../document/agendaTree.js';
import { DEFAULT_STATUS, presetStatuses } from '../document/statuses.js';
import { parseMeeting, formatIssues } from '../document/validateMeeting.js';
import { roomsFromSessions } from '../document/rooms.js';
import { ImportError, type ImportContext, type ImportResult, type ImportWarning } from './types.js';
import { decodeAgendaText, readTextBlocks, type TextBlock, type TextCell } from './textAgendaLines.js';
import { readAgendaMeta } from './textAgendaMeta.js';
import { dateOfWeekday, dayOfCell, itemLabelsInNote, sessionOfRow, type SessionDraft } from './textAgendaSessions.js';
import {
  DEFAULT_COLUMNS,
  DEFAULT_ACTION_COLUMNS,
  actionHeader,
  actionOfRow,
  bulletText,
  contributionHeader,
  contributionOfRow,
  deliverableOfLine,
  looksMistyped,
  type ActionColumns,
  type ActionDraft,
  type ContributionColumns,
  type ContributionDraft,
  type DeliverableDraft,
} from './textAgendaRows.js';

interface ItemDraft {
  id: string;
  label: string;
  title: string;
  parent: ItemDraft | null;
  notes: string[];
  contributions: ContributionDraft[];
}

/** The table being read under the current heading; `explicit` when a header row named its columns. */
type TableMode =
  | { kind: 'actions'; cols: ActionColumns; explicit: boolean }
  | { kind: 'contributions'; cols: ContributionColumns; explicit: boolean };

const ACTION_HEADING = /\baction (items?|points?|list)\b|^(review of )?actions$/i;

/** Importer for `--format text`: decodes the bytes (UTF-8, UTF-16, Windows-1252) and parses them. */
export function importTextAgenda(data: Uint8Array, ctx: ImportContext = {}): ImportResult {
  return parseTextAgenda(decodeAgendaText(data), ctx);
}

/** Parses an agenda saved as text. Throws ImportError when the text holds no numbered agenda. */
export function parseTextAgenda(text: string, ctx: ImportContext = {}): ImportResult {
  let blocks = readTextBlocks(text);
  if (!blocks.some((b) => b.kind === 'heading')) blocks = readTextBlocks(text, true);
  const firstHeading = blocks.findIndex((b) => b.kind === 'heading');
  if (firstHeading < 0) {
    throw new ImportError(
      'no numbered agenda items found (expected lines like "5.2<TAB>Title"); is this an agenda saved as text?',
    );
  }
  const coverRows = blocks.slice(0, firstHeading).flatMap((b) => (b.kind === 'row' ? [b.cells] : []));
  const meta = readAgendaMeta(coverRows, text, fallbackTitle(ctx.fileName));
  const warnings: ImportWarning[] = [];

  const items: ItemDraft[] = [];
  const lastByLabel = new Map<string, ItemDraft>();
  const sessions: SessionDraft[] = [];
  const actions: ActionDraft[] = [];
  const deliverables: DeliverableDraft[] = [];
  const objectives: string[] = [];
  let item: ItemDraft | null = null;
  let table: TableMode | null = null;
  let day = -1;
  let lastDate = '';

  const sessionDate = (): string => {
    if (day < 0) return meta.startDate && meta.startDate === meta.endDate ? meta.startDate : '';
    const d = dateOfWeekday(meta.startDate, meta.endDate, day, lastDate);
    if (d) lastDate = d;
    return d;
  };

  const onRow = (cells: TextCell[], beforeAgenda: boolean): void => {
    const filled = cells.filter((c) => c.text.trim() !== '');
    if (!filled.length) return;
    if (filled.length === 1 && dayOfCell(filled[0].text) >= 0) {
      day = dayOfCell(filled[0].text);
      return;
    }
    const actionCols = beforeAgenda ? null : actionHeader(cells);
    if (actionCols) {
      table = { kind: 'actions', cols: actionCols, explicit: true };
      return;
    }
    const contributionCols = table?.kind === 'contributions' ? table.cols : DEFAULT_COLUMNS;
    const contribution = item && !(table?.kind === 'actions' && table.explicit) ? contributionOfRow(cells, contributionCols) : null;
    if (contribution && item) {
      item.contributions.push(contribution);
      return;
    }
    if (table?.kind === 'actions') {
      const a = actionOfRow(cells, table.cols);
      if (a) actions.push(a);
      return;
    }
    if (day >= 0 || !beforeAgenda) {
      const dayCell = cells.find((c) => dayOfCell(c.text) >= 0);
      if (dayCell && cells.some((c) => c !== dayCell && c.text.trim())) day = dayOfCell(dayCell.text);
      const s = sessionOfRow(cells, '');
      if (s && (day >= 0 || s.code)) {
        sessions.push({ ...s, date: sessionDate() });
        return;
      }
    }
    if (beforeAgenda || !item) return;
    const cols = contributionHeader(cells);
    if (cols) {
      table = { kind: 'contributions', cols, explicit: true };
      return;
    }
    item.notes.push(filled.map((c) => c.text.trim()).join(' | '));
  };

  const onText = (blockIndex: number, line: string): void => {
    if (!item) return;
    const bullet = bulletText(line);
    if (bullet !== null && bullet !== '' && /objective/i.test(item.title)) {
      objectives.push(bullet);
      return;
    }
    const deliverable = deliverableOfLine(bullet ?? line.trim());
    if (deliverable) {
      deliverables.push(deliverable);
      return;
    }
    const next = blocks[blockIndex + 1];
    if (/\bdeliverables?\s*:?$/i.test(bullet ?? line.trim()) && next?.kind === 'text') {
      const nextText = bulletText(next.text) ?? next.text.trim();
      if (deliverableOfLine(nextText)) return;
    }
    item.notes.push(line);
  };

  blocks.forEach((b: TextBlock, i) => {
    if (b.kind === 'heading') {
      const parent = parentOf(b.label, lastByLabel);
      item = { id: newId(), label: b.label, title: b.title, parent, notes: [], contributions: [] };
      items.push(item);
      lastByLabel.set(b.label, item);
      // Under "Review of Action Items" a table without a header row reads REF | WHAT | WHO | STATUS.
      table = ACTION_HEADING.test(b.title) ? { kind: 'actions', cols: DEFAULT_ACTION_COLUMNS, explicit: false } : null;
    } else if (b.kind === 'row') onRow(b.cells, i < firstHeading);
    else if (i > firstHeading) onText(i, b.text);
  });

  const meeting = assemble(meta, items, sessions, actions, deliverables, objectives, warnings);
  const checked = parseMeeting(meeting);
  if (!checked.ok) throw new ImportError(`the agenda gave an invalid meeting: ${formatIssues(checked.errors.slice(0, 1))}`);
  return { meeting, warnings };
}

/** The nearest earlier item whose number is a prefix (`5.2` under the last `5`), else none. */
function parentOf(label: string, lastByLabel: Map<string, ItemDraft>): ItemDraft | null {
  const parts = label.split('.');
  for (let n = parts.length - 1; n > 0; n--) {
    const p = lastByLabel.get(parts.slice(0, n).join('.'));
    if (p) return p;
  }
  return null;
}

function fallbackTitle(fileName: string | undefined): string {
  const base = (fileName ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(/\.[^.]*$/, '').trim() || 'Imported agenda';
}

function assemble(
  meta: MeetingJson['meta'],
  drafts: ItemDraft[],
  sessionDrafts: SessionDraft[],
  actionDrafts: ActionDraft[],
  deliverableDrafts: DeliverableDraft[],
  objectiveTexts: string[],
  warnings: ImportWarning[],
): MeetingJson {
  // Agenda: ranks among siblings in source order, then the contract's pre-order.
  const byParent = new Map<string | null, ItemDraft[]>();
  for (const d of drafts) {
    const key = d.parent?.id ?? null;
    if (!byParent.has(key)) byParent.set(key, []);
    byParent.get(key)!.push(d);
  }
  const flat: AgendaItem[] = [];
  for (const siblings of byParent.values()) {
    const ranks = ranksBetween(null, null, siblings.length);
    siblings.forEach((d, i) =>
      flat.push({ id: d.id, parentId: d.parent?.id ?? null, rank: ranks[i], label: d.label, title: d.title, notes: d.notes.join('\n') }),
    );
  }
  const agenda = agendaPreorder(flat).map((n) => n.item);
  const draftById = new Map(drafts.map((d) => [d.id, d]));

  // Contributions: agenda order, then source order.
  const contributions: Contribution[] = [];
  const seen = new Map<string, number>();
  for (const a of agenda) {
    const list = draftById.get(a.id)!.contributions;
    const ranks = ranksBetween(null, null, list.length);
    list.forEach((c, i) => {
      if (looksMistyped(c.number)) {
        warnings.push({ line: c.line, message: `document number "${c.number}" looks mistyped (a letter O or I where a digit is expected)` });
      }
      const earlier = seen.get(c.number);
      if (earlier !== undefined) warnings.push({ line: c.line, message: `document number "${c.number}" appears again (first on line ${earlier})` });
      else seen.set(c.number, c.line);
      contributions.push({
        id: newId(),
        number: c.number,
        aliases: c.aliases,
        title: c.title,
        source: c.source,
        agendaItemId: a.id,
        rank: ranks[i],
        status: DEFAULT_STATUS,
        notes: c.notes,
        revisionOf: null,
        history: [],
      });
    });
  }
  warnings.sort((x, y) => (x.line ?? 0) - (y.line ?? 0));

  // Sessions: agenda notes name item numbers; an ambiguous number (two items "3") is skipped.
  const idsByLabel = new Map<string, string[]>();
  for (const a of agenda) {
    const ids = idsByLabel.get(a.label);
    if (ids) ids.push(a.id);
    else idsByLabel.set(a.label, [a.id]);
  }
  const sessions: Session[] = sessionDrafts.map((s) => ({
    id: newId(),
    date: s.date,
    start: s.start,
    end: s.end,
    room: s.room,
    code: s.code,
    title: s.title,
    agendaNote: s.agendaNote,
    agendaItemIds: [
      ...new Set(itemLabelsInNote(s.agendaNote).flatMap((l) => {
        const ids = idsByLabel.get(l);
        return ids && ids.length === 1 ? ids : [];
      })),
    ],
  }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  sessions.sort((a, b) => cmp(a.date, b.date) || cmp(a.start, b.start) || cmp(a.id, b.id));

  const actionRanks = ranksBetween(null, null, actionDrafts.length);
  const actions: Action[] = actionDrafts.map(({ itemLabel, ...a }, i) => {
    // The row's agenda item, when its number names exactly one item; else the number stays in the notes.
    const ids = itemLabel ? idsByLabel.get(itemLabel) : undefined;
    const linked = ids && ids.length === 1 ? { agendaItemId: ids[0] } : {};
    const notes = itemLabel && !('agendaItemId' in linked) ? [a.notes, `Item: ${itemLabel}`].filter(Boolean).join('\n') : a.notes;
    return { id: newId(), ...a, notes, ...linked, rank: actionRanks[i] };
  });
  const deliverableRanks = ranksBetween(null, null, deliverableDrafts.length);
  const deliverables: Deliverable[] = deliverableDrafts.map((d, i) => ({ id: newId(), ...d, rank: deliverableRanks[i] }));
  const objectiveRanks = ranksBetween(null, null, objectiveTexts.length);
  const objectives: Objective[] = objectiveTexts.map((text, i) => ({ id: newId(), text, rank: objectiveRanks[i] }));

  // Sessions in several rooms make the meeting's rooms (issue 16), the room with most sessions the main one.
  const rooms = roomsFromSessions(sessions);
  return {
    format: MEETING_FORMAT,
    version: MEETING_FORMAT_VERSION,
    meta,
    statuses: presetStatuses(meta.body === 'oneM2M' ? 'onem2m' : '3gpp'),
    agenda,
    sessions,
    contributions,
    actions,
    deliverables,
    objectives,
    live: emptyLive(),
    ...(rooms.length ? { rooms } : {}),
  };
}
