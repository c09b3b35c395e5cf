/** What the Tdocs-by-agenda page (export.htm) carries of a meeting, without ids, for round-trip tests. */
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

/** Everything the page carries, without ids (spaces within a line folded: HTML does not keep their runs). */
export function pageView(m: MeetingJson) {
  const item = new Map(m.agenda.map((a) => [a.id, `${a.label} ${a.title}`.trim()]));
  const num = new Map(m.contributions.map((c) => [c.id, c.number]));
  const fold = (s: string | undefined) => (s ?? '').replace(/[ \t]+/g, ' ');
  return {
    meta: [m.meta.title, m.meta.venue, m.meta.startDate, m.meta.endDate, m.meta.timezone, m.meta.chair, m.meta.secretary, m.meta.body ?? ''],
    agenda: m.agenda.map((a) => [a.label, a.title, a.parentId ? item.get(a.parentId) : null]),
    contributions: m.contributions.map((c) => ({
      number: c.number,
      item: item.get(c.agendaItemId) ?? '',
      fields: [c.title, c.source, c.status, fold(c.notes), c.type ?? '', c.for ?? '', fold(c.abstract), fold(c.secretaryRemarks), c.aliases],
      links: [c.revisionOf ? num.get(c.revisionOf) : (c.revisionOfNumber ?? null), c.revisedToNumbers ?? [], c.mergedInto ? num.get(c.mergedInto) : null],
      columns: c.columns ?? {},
    })),
  };
}

