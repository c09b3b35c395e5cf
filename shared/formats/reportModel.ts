/**
 * What a meeting report shows, independent of how it is written (Markdown or Word): the meta lines, per agenda
 * item its depth and document rows (AI, TD#, Title, Source, Comments, Result, Revision of, Revised to, Merged
 * to), then actions, schedule and deliverables as rows. The Markdown and Word importers read these tables
 * back by their header names.
 */
import type { AgendaItem, MeetingJson } from '../document/meetingSchema.js';
import { agendaPreorder } from '../document/agendaTree.js';
import { statusLabel } from '../document/statuses.js';
import { UNLABELLED, splitLabel } from './normalize.js';
import { QUEUE_KIND_LABELS, formatDuration, type QueueKind } from '../participation/speakerQueue.js';
import { isCarried } from '../merge/carryOver.js';
import { revisionCells } from './revisionLinks.js';
import { plannedTimes, sessionLength, sessionTimes } from '../time/plannedTime.js';
import type { Speech } from '../participation/speakerQueue.js';
import { speakingTime } from '../participation/speakingTime.js';
import type { AttendanceReport } from '../participation/attendance.js';
import type { ExportContext } from './types.js';
import { ROUND_STATE_TEXT, positionsByTdoc, roundViews } from '../positions/positionsText.js';
import { STANCE_VERBS } from '../positions/quickEntry.js';

export const DOC_COLUMNS = ['AI', 'TD#', 'Title', 'Source', 'Comments', 'Result', 'Revision of', 'Revised to', 'Merged to'] as const;
export const ACTION_COLUMNS = ['Ref', 'What', 'Who', 'Item', 'Due', 'Status', 'Notes'] as const;
export const SESSION_COLUMNS = ['Date', 'Start', 'End', 'Room', 'Code', 'Title', 'Agenda items', 'Agenda note'] as const;
/** Added to the schedule when the meeting has time spent (issue 16): the session's length, time on its items. */
export const SESSION_TIME_COLUMNS = ['Planned', 'Spent'] as const;
export const DELIVERABLE_COLUMNS = ['Name', 'Version', 'Reference', 'Note'] as const;
export const SPEECH_COLUMNS = ['Item', 'Document', 'Speaker', 'Organisation', 'Kind', 'Started', 'Time'] as const;
export const POLL_COLUMNS = ['Item', 'Question', 'Result', 'Online', 'Room', 'Asked'] as const;
/** Positions per Tdoc and e-mail approval rounds (issue 26), a section of their own; importers skip it. */
export const POSITIONS_HEADING = 'Positions and e-mail approval';
export const POSITION_COLUMNS = ['Tdoc', 'Organisation', 'Position', 'Comment', 'Stated by', 'When', 'Stated on'] as const;
export const ROUND_COLUMNS = ['Tdocs', 'Deadline (UTC)', 'Deadline (venue)', 'State', 'Objections', 'Decided'] as const;
/** The last section of a report, when the meeting has speeches or polls; importers skip it. */
export const RECORD_HEADING = 'Speakers and shows of hands';
export const ATTENDANCE_PLACEHOLDER = 'To be completed by the secretary: participants and their organisations.';
/** The attendance section's first line when Plenary recorded it (issue 24); importers know the report by it too. */
export const ATTENDANCE_RECORDED = 'Recorded by Plenary from the delegates\' own links and the secretary\'s marks: each session, then each participant.';
export const ATTENDANCE_SESSION_COLUMNS = ['Session', 'Date', 'Time', 'In the room', 'Remote'] as const;
export const ATTENDANCE_PEOPLE_COLUMNS = ['Name', 'Organisation', 'Where', 'Sessions'] as const;
export const SPEAKING_ORG_COLUMNS = ['Organisation', 'Turns', 'Speaking time'] as const;
export const SPEAKING_SPEAKER_COLUMNS = ['Speaker', 'Organisation', 'Turns', 'Speaking time'] as const;
export const SPEAKING_ITEM_COLUMNS = ['Item', 'Organisation', 'Speaking time'] as const;

/** True for the blocks of one of our reports (its attendance section's first line). */
export function isReportLine(text: string): boolean {
  return text === ATTENDANCE_PLACEHOLDER || text === ATTENDANCE_RECORDED;
}
export const UNALLOCATED_HEADING = 'Documents not allocated to an agenda item';
export const CARRIED_HEADING = 'Annex: carried over to the next meeting';
/** Headers no importer takes for a Tdoc or action table, so a re-imported report does not double them. */
export const CARRIED_COLUMNS = ['Carried over', 'Kind', 'Agenda', 'Subject', 'Status here'] as const;

export interface ReportItem {
  item: AgendaItem;
  depth: number;
  docs: string[][];
  /** 'Conclusion: ...', 'Time spent: 25 min' and 'Time planned: 20 min' lines, when the meeting has them. */
  outcome: string[];
}

export interface ReportModel {
  title: string;
  meta: [string, string][];
  objectives: string[];
  items: ReportItem[];
  unallocated: string[][];
  actions: string[][];
  sessions: string[][];
  /** The schedule's columns: SESSION_COLUMNS, plus SESSION_TIME_COLUMNS when the meeting has time spent. */
  sessionColumns: readonly string[];
  deliverables: string[][];
  /** SPEECH_COLUMNS rows, in order of time. */
  speeches: string[][];
  /** POLL_COLUMNS rows, in order of time. */
  polls: string[][];
  /** What the next meeting would carry over (shared/merge/carryOver.ts): Tdocs left open, open action items. */
  carried: string[][];
  /** Issue 24: ATTENDANCE_SESSION_COLUMNS and ATTENDANCE_PEOPLE_COLUMNS rows, when the server recorded attendance. */
  attendance?: { sessions: string[][]; people: string[][] };
  /** Issue 24: speaking time per organisation, per speaker and per agenda item (fair speaking). */
  speaking: { byOrganisation: string[][]; bySpeaker: string[][]; byItem: string[][] };
  /** POSITION_COLUMNS rows, by Tdoc in report order, then organisation. */
  positions: string[][];
  /** ROUND_COLUMNS rows, by deadline. */
  rounds: string[][];
}

/** '25 min', '1 h 05 min'. */
export function formatSpent(seconds: number): string {
  const min = Math.round(seconds / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}

function outcomeOf(item: AgendaItem, planned: number | undefined): string[] {
  const out: string[] = [];
  if (item.conclusion?.trim()) out.push(`Conclusion: ${item.conclusion.trim()}`);
  if (typeof item.spentSeconds === 'number' && item.spentSeconds > 0) {
    out.push(`Time spent: ${formatSpent(item.spentSeconds)}`);
    if (planned) out.push(`Time planned: ${formatSpent(planned)}`);
  }
  return out;
}

export function reportModel(m: MeetingJson, ctx: ExportContext = {}): ReportModel {
  const numberOf = new Map(m.contributions.map((c) => [c.id, c.number]));
  const links = revisionCells(m);
  const labelOf = new Map(m.agenda.map((a) => [a.id, a.label]));
  const docRow = (c: MeetingJson['contributions'][number]) => [
    labelOf.get(c.agendaItemId) ?? '',
    c.number,
    c.title,
    c.source,
    c.notes,
    statusLabel(m.statuses, c.status),
    links.revisionOf(c),
    links.revisedTo(c).join(', '),
    c.mergedInto ? numberOf.get(c.mergedInto) ?? '' : '',
  ];
  const byItem = new Map<string, string[][]>();
  for (const c of m.contributions) byItem.set(c.agendaItemId, [...(byItem.get(c.agendaItemId) ?? []), docRow(c)]);
  const meta = m.meta;
  const items = agendaPreorder(m.agenda);
  // Sessions name items by label when it is unique, else by position in the report ('#5').
  const labelCount = new Map<string, number>();
  for (const a of m.agenda) labelCount.set(a.label, (labelCount.get(a.label) ?? 0) + 1);
  const refOf = new Map(items.map((n, i) => [n.item.id, n.item.label && labelCount.get(n.item.label) === 1 && !/^#/.test(n.item.label) ? n.item.label : `#${i + 1}`]));
  const planned = plannedTimes(m.agenda, m.sessions);
  const spentOf = new Map(m.agenda.map((a) => [a.id, a.spentSeconds ?? 0]));
  const timed = m.agenda.some((a) => (a.spentSeconds ?? 0) > 0);
  const sessionTime = sessionTimes(m.sessions, (id) => spentOf.get(id) ?? 0);
  const dates = meta.startDate && meta.endDate && meta.endDate !== meta.startDate ? `${meta.startDate} to ${meta.endDate}` : meta.startDate;
  return {
    title: meta.title || 'Meeting report',
    meta: [
      ['Title', meta.title],
      ['Body', meta.body ?? ''],
      ['Chair', meta.chair],
      ['Secretary', meta.secretary],
      ['Dates', dates],
      ['Venue', meta.venue],
      ['Time zone', meta.timezone],
      ['Purpose', meta.purpose],
      ['Details', meta.details],
    ],
    objectives: m.objectives.map((o) => o.text),
    items: items.map((n) => ({ item: n.item, depth: n.depth, docs: byItem.get(n.item.id) ?? [], outcome: outcomeOf(n.item, planned.get(n.item.id)?.seconds) })),
    unallocated: byItem.get('') ?? [],
    actions: m.actions.map((a) => [a.ref, a.what, a.who, labelOf.get(a.agendaItemId ?? '') ?? '', a.due ?? '', a.status, a.notes]),
    sessions: m.sessions.map((s, i) => [
      s.date,
      s.start,
      s.end,
      s.room,
      s.code,
      s.title,
      s.agendaItemIds.map((id) => refOf.get(id) ?? '').filter(Boolean).join(', '),
      s.agendaNote,
      ...(timed ? [sessionLength(s) ? formatSpent(sessionLength(s)) : '', formatSpent(sessionTime[i].spentSeconds)] : []),
    ]),
    sessionColumns: timed ? [...SESSION_COLUMNS, ...SESSION_TIME_COLUMNS] : SESSION_COLUMNS,
    deliverables: m.deliverables.map((d) => [d.name, d.version, d.reference, d.note]),
    speeches: (m.speeches ?? []).map((x) => [
      labelOf.get(x.agendaItemId) ?? '',
      numberOf.get(x.contributionId) ?? '',
      x.name,
      x.company,
      QUEUE_KIND_LABELS[x.kind as QueueKind] ?? x.kind,
      localTime(x.startedAt, meta.timezone),
      x.endedAt ? formatDuration((Date.parse(x.endedAt) - Date.parse(x.startedAt)) / 1000) : '',
    ]),
    polls: (m.polls ?? []).map((p) => {
      const line = (c: Record<string, number>) => p.options.map((o) => `${o} ${c[o] ?? 0}`).join(' · ');
      const total = Object.fromEntries(p.options.map((o) => [o, (p.remote[o] ?? 0) + (p.roomCounts[o] ?? 0)]));
      return [labelOf.get(p.agendaItemId) ?? '', p.question, line(total), line(p.remote), line(p.roomCounts), localTime(p.openedAt, meta.timezone)];
    }),
    carried: carriedRows(m, labelOf),
    ...(ctx.attendance ? { attendance: attendanceRows(ctx.attendance) } : {}),
    speaking: speakingRows(m, labelOf),
    ...positionRows(m, numberOf),
  };
}

function attendanceRows(a: AttendanceReport): NonNullable<ReportModel['attendance']> {
  return {
    sessions: a.sessions.map((s) => [s.label, s.date, s.start && s.end ? `${s.start}–${s.end}` : '', String(s.room), String(s.remote)]),
    people: a.people.map((p) => [p.name, p.organisation, p.place === 'room' ? 'In the room' : 'Remote', p.sessions.join(', ')]),
  };
}

function speakingRows(m: MeetingJson, labelOf: Map<string, string>): ReportModel['speaking'] {
  const t = speakingTime((m.speeches ?? []) as Speech[]);
  const time = (s: number) => formatDuration(s);
  return {
    byOrganisation: t.byOrganisation.map((x) => [x.organisation || '(none)', String(x.turns), time(x.seconds)]),
    bySpeaker: t.bySpeaker.map((x) => [x.name, x.organisation, String(x.turns), time(x.seconds)]),
    byItem: t.byItem.flatMap((i) => i.byOrganisation.map((x) => [labelOf.get(i.agendaItemId) ?? '', x.organisation || '(none)', time(x.seconds)])),
  };
}

/** The report's rows of positions (own and carried to revisions) and of e-mail approval rounds. */
function positionRows(m: MeetingJson, numberOf: Map<string, string>): Pick<ReportModel, 'positions' | 'rounds'> {
  const tz = m.meta.timezone;
  const num = (id: string) => numberOf.get(id) ?? '';
  const positions: string[][] = [];
  for (const [id, list] of positionsByTdoc(m)) {
    for (const p of list) positions.push([num(id), p.organisation, STANCE_VERBS[p.stance], p.comment, p.onBehalf ? `${p.by} (recorded)` : p.by, localTime(p.at, tz), p.statedOn ? num(p.statedOn) : '']);
  }
  const rounds = roundViews(m).map((r) => [
    r.current.map(num).join(', '),
    r.deadline.slice(0, 16).replace('T', ' '),
    localTime(r.deadline, tz),
    `${ROUND_STATE_TEXT[r.state] ?? r.state}${r.ready ? ' (ready to approve)' : ''}`,
    r.objections.join(', '),
    r.decision ? `${r.decision.auto ? 'by the server at the deadline' : r.decision.by} ${localTime(r.decision.at, tz)}` : '',
  ]);
  return { positions, rounds };
}

/** '2026-03-02 09:05' in the meeting's time zone (UTC when it is unknown). */
export function localTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', { timeZone: timeZone || 'UTC', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
        .formatToParts(d)
        .map((x) => [x.type, x.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  } catch {
    return iso.slice(0, 16).replace('T', ' ');
  }
}

function carriedRows(m: MeetingJson, labelOf: Map<string, string>): string[][] {
  const finalIds = new Set(m.statuses.filter((x) => x.final).map((x) => x.id));
  return [
    ...m.contributions.filter((c) => isCarried(c, finalIds)).map((c) => [c.number, 'Tdoc', labelOf.get(c.agendaItemId) ?? '', c.title, statusLabel(m.statuses, c.status)]),
    ...m.actions.filter((a) => a.status === 'open').map((a) => [a.ref, 'Action item', labelOf.get(a.agendaItemId ?? '') ?? '', [a.what, a.who && `(${a.who})`, a.due && `due ${a.due}`].filter(Boolean).join(' '), 'open']),
  ];
}

/** The heading text of an item: its label and title (marked when an unnumbered title starts like a number). */
export function itemHeading(item: AgendaItem): string {
  if (!item.label && splitLabel(item.title)[0]) return UNLABELLED + item.title;
  return [item.label, item.title].filter(Boolean).join(' ');
}

const FACT_KEYS = [
  ['Time', 'duration'],
  ['Presenters', 'presenters'],
  ['Documents', 'documents'],
  ['Specs', 'specs'],
  ['Rapporteur', 'rapporteur'],
] as const;
type FactField = (typeof FACT_KEYS)[number][1];

/** One line of an item's optional fields: 'Time: 5 min · Presenters: Jane Roe · Documents: draft-a, draft-b'. */
export function itemFacts(item: AgendaItem): string {
  return FACT_KEYS.map(([key, field]) => {
    const v = field === 'documents' ? (item.documents ?? []).join(', ') : item[field] ?? '';
    return v ? `${key}: ${v}` : '';
  })
    .filter(Boolean)
    .join(' · ');
}

/** Reads an itemFacts line back; null unless every part is one of its keys. */
export function parseItemFacts(line: string): Partial<Record<FactField, string>> | null {
  const out: Partial<Record<FactField, string>> = {};
  for (const part of line.split(' · ')) {
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(part.trim());
    const key = m && FACT_KEYS.find(([k]) => k === m[1]);
    if (!m || !key) return null;
    out[key[1]] = m[2].trim();
  }
  return Object.keys(out).length ? out : null;
}
