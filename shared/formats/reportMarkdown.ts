/**
 * The meeting report as Markdown: meta table, attendance placeholder, objectives, then per agenda item a
 * heading (level by depth, at most 6; deeper numbered items nest back by their numbers) with its notes and a
 * table of its documents, then action items, schedule and deliverables. Plenary's Markdown importer reads it
 * back (headings, tables by header names).
 */
import type { MeetingJson } from '../document/meetingSchema.js';
import type { ExportContext, ExportResult } from './types.js';
import {
  ACTION_COLUMNS,
  ATTENDANCE_PLACEHOLDER,
  ATTENDANCE_PEOPLE_COLUMNS,
  ATTENDANCE_RECORDED,
  ATTENDANCE_SESSION_COLUMNS,
  SPEAKING_ITEM_COLUMNS,
  SPEAKING_ORG_COLUMNS,
  SPEAKING_SPEAKER_COLUMNS,
  CARRIED_COLUMNS,
  CARRIED_HEADING,
  DELIVERABLE_COLUMNS,
  DOC_COLUMNS,
  POLL_COLUMNS,
  POSITION_COLUMNS,
  POSITIONS_HEADING,
  RECORD_HEADING,
  ROUND_COLUMNS,
  SESSION_COLUMNS,
  SPEECH_COLUMNS,
  UNALLOCATED_HEADING,
  itemFacts,
  itemHeading,
  reportModel,
} from './reportModel.js';

/** Escapes text for a Markdown line so it reads back as the same text. */
function mdText(s: string): string {
  return s.replace(/([\\`*_[\]|<])/g, '\\$1').replace(/\]\(/g, ']\\(');
}

function mdLine(s: string): string {
  const t = mdText(s);
  return /^\s*(#|[-+*>]|\d+[.)])/.test(t) ? '\\' + t.trimStart() : t;
}

function mdCell(s: string): string {
  return mdText(s).replace(/\r?\n/g, '<br>');
}

function table(header: readonly string[], rows: string[][]): string[] {
  if (rows.length === 0) return [];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map((c) => mdCell(c) || ' ').join(' | ')} |`),
    '',
  ];
}

export function exportReportMarkdown(m: MeetingJson, ctx?: ExportContext): ExportResult {
  const r = reportModel(m, ctx);
  const out: string[] = [`# ${mdText(r.title)}`, ''];
  out.push(...table(['Field', 'Value'], r.meta));
  if (r.attendance) {
    out.push('## Attendance', '', mdText(ATTENDANCE_RECORDED), '');
    out.push(...table(ATTENDANCE_SESSION_COLUMNS, r.attendance.sessions), ...table(ATTENDANCE_PEOPLE_COLUMNS, r.attendance.people));
  } else out.push('## Attendance', '', ATTENDANCE_PLACEHOLDER, '');
  if (r.objectives.length) out.push('## Objectives', '', ...r.objectives.map((o) => `- ${mdCell(o)}`), '');
  out.push('## Agenda and documents', '');
  for (const { item, depth, docs, outcome } of r.items) {
    out.push(`${'#'.repeat(Math.min(6, 3 + depth))} ${mdText(itemHeading(item)) || '\\-'}`, '');
    const facts = itemFacts(item);
    if (facts) out.push(`_${mdText(facts)}_`, '');
    if (item.notes.trim()) out.push(...item.notes.split('\n').map((l) => (l.trim() ? mdLine(l) : '')), '');
    out.push(...table(DOC_COLUMNS, docs));
    // Under the item's table: what was concluded, and the time it took.
    for (const line of outcome) out.push(`**${mdText(line)}**`, '');
  }
  if (r.unallocated.length) out.push(`## ${UNALLOCATED_HEADING}`, '', ...table(DOC_COLUMNS, r.unallocated));
  if (r.actions.length) out.push('## Action items', '', ...table(ACTION_COLUMNS, r.actions));
  if (r.sessions.length) out.push('## Schedule', '', ...table(r.sessionColumns, r.sessions));
  if (r.deliverables.length) out.push('## Deliverables', '', ...table(DELIVERABLE_COLUMNS, r.deliverables));
  if (r.positions.length || r.rounds.length) out.push(`## ${POSITIONS_HEADING}`, '', ...table(POSITION_COLUMNS, r.positions), ...table(ROUND_COLUMNS, r.rounds));
  if (r.speeches.length || r.polls.length) {
    out.push(`## ${RECORD_HEADING}`, '', ...table(SPEECH_COLUMNS, r.speeches), ...table(POLL_COLUMNS, r.polls));
    if (r.speaking.byOrganisation.length) {
      out.push('Speaking time per organisation, per speaker and per agenda item:', '');
      out.push(...table(SPEAKING_ORG_COLUMNS, r.speaking.byOrganisation), ...table(SPEAKING_SPEAKER_COLUMNS, r.speaking.bySpeaker), ...table(SPEAKING_ITEM_COLUMNS, r.speaking.byItem));
    }
  }
  if (r.carried.length) out.push(`## ${CARRIED_HEADING}`, '', ...table(CARRIED_COLUMNS, r.carried));
  return { data: out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n', contentType: 'text/markdown; charset=utf-8' };
}
