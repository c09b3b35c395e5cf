import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { MeetingBuilder } from '../../shared/formats/meetingBuilder.js';
import { bytesOf, sampleMeeting, summary } from './sampleMeeting.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

async function roundTrip(fmt: 'md' | 'docx' | 'csv' | 'xlsx' | 'json') {
  const m = sampleMeeting();
  const out = await exportMeeting(m, fmt);
  const back = await importMeeting(bytesOf(out.data), { format: fmt });
  expect(parseMeeting(back.meeting).ok).toBe(true);
  return { m, back: back.meeting, warnings: back.warnings };
}

describe('import(export(m))', () => {
  for (const fmt of ['md', 'docx'] as const) {
    it(`keeps every agenda item, contribution and session through the ${fmt} report`, async () => {
      const { m, back } = await roundTrip(fmt);
      expect(summary(back)).toEqual(summary(m));
      expect(back.meta).toMatchObject({
        title: m.meta.title,
        chair: m.meta.chair,
        secretary: m.meta.secretary,
        startDate: m.meta.startDate,
        endDate: m.meta.endDate,
        venue: m.meta.venue,
        purpose: m.meta.purpose,
        timezone: m.meta.timezone,
        details: m.meta.details,
      });
      expect(back.actions.map((a) => [a.ref, a.what, a.who, a.status])).toEqual(m.actions.map((a) => [a.ref, a.what, a.who, a.status]));
      // An action item's due date and agenda item (issue 25) come back from the report's table.
      const itemOf = (x: typeof m, id?: string) => x.agenda.find((a) => a.id === id)?.label ?? '';
      expect(back.actions.map((a) => [a.due ?? '', itemOf(back, a.agendaItemId), a.notes])).toEqual(m.actions.map((a) => [a.due ?? '', itemOf(m, a.agendaItemId), a.notes]));
      expect(m.actions.some((a) => a.due && a.agendaItemId)).toBe(true);
      expect(back.deliverables.map((d) => [d.name, d.version, d.reference, d.note])).toEqual(
        m.deliverables.map((d) => [d.name, d.version, d.reference, d.note]),
      );
      expect(back.objectives.map((o) => o.text)).toEqual(m.objectives.map((o) => o.text));
      // Working markers stay statuses, with their labels.
      expect(back.statuses.find((s) => s.id === 'block-approve')?.label).toBe('Block Approve?');
    });
  }

  for (const fmt of ['csv', 'xlsx'] as const) {
    it(`keeps every contribution and agenda item through the ${fmt} Tdoc list`, async () => {
      const { m, back } = await roundTrip(fmt);
      const a = summary(m);
      const b = summary(back);
      // A Tdoc list has no sessions and builds the tree from the numbers; everything else is carried.
      expect(b.contributions).toEqual(a.contributions);
      expect(b.agenda.map((x) => x.item)).toEqual(a.agenda.map((x) => x.item));
      const parents = (s: typeof a) => s.agenda.filter((x) => x.item?.match(/^\d/)).map((x) => [x.item, x.parent]);
      expect(parents(b)).toEqual(parents(a));
      expect(back.sessions).toEqual([]);
      const extras = (x: typeof m) => x.contributions.map((c) => [c.type, c.for, c.abstract, c.secretaryRemarks, c.aliases, c.columns]);
      expect(extras(back)).toEqual(extras(m));
      expect(m.contributions.filter((c) => c.columns)).toHaveLength(2);
    });
  }

  it('G-WEEK-2 keeps revision links to Tdocs outside the meeting as numbers through every format, never as notes', async () => {
    const links = (x: MeetingJson) => x.contributions.map((c) => [c.number, c.revisionOfNumber ?? null, c.revisedToNumbers ?? [], c.notes]);
    const m = sampleMeeting();
    expect(m.contributions.find((c) => c.number === 'SEC-2016-0097')).toMatchObject({ revisionOfNumber: 'SEC-2016-0050R03', revisedToNumbers: ['SEC-2016-0200', 'SEC-2016-0201'], notes: '' });
    for (const fmt of ['md', 'docx', 'csv', 'xlsx', 'json'] as const) {
      const { back } = await roundTrip(fmt);
      expect(links(back), fmt).toEqual(links(m));
    }
  });

  it('keeps the meeting exactly through JSON', async () => {
    const { m, back } = await roundTrip('json');
    expect(back).toEqual(m);
  });

  it('exports an empty meeting in every format and reads each back as an empty meeting', async () => {
    const empty = new MeetingBuilder().build();
    for (const fmt of ['md', 'docx', 'csv', 'xlsx', 'ics', 'json'] as const) {
      const out = await exportMeeting(empty, fmt);
      expect(bytesOf(out.data).length, fmt).toBeGreaterThan(0);
      if (fmt === 'ics') continue;
      const back = (await importMeeting(bytesOf(out.data), { format: fmt })).meeting;
      expect([back.agenda, back.contributions, back.sessions], fmt).toEqual([[], [], []]);
    }
  });
});

describe('control characters', () => {
  it('are left out of Word and Excel output (XML forbids them) instead of breaking the file', async () => {
    const m = sampleMeeting();
    m.meta.title = 'Bell\u0007 title';
    m.contributions[0].title = 'Form\u000Cfeed';
    m.agenda[0].notes = 'nul\u0000 note';
    for (const fmt of ['docx', 'xlsx'] as const) {
      const back = (await importMeeting(bytesOf((await exportMeeting(m, fmt)).data), { format: fmt })).meeting;
      expect(back.contributions[0].title, fmt).toBe('Formfeed');
    }
  });
});
