/**
 * The body's own output (issue 25): the 3GPP "Tdocs by agenda" page, `export.htm`, in the layout the
 * importer reads, re-imported as the same meeting: from the CLI, the HTTP API (through the format workers)
 * and the format registry. The real pages' round trip is in tests/real/tdocsByAgendaHtm.test.ts.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting, supportedFormats } from '../../shared/formats/index.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { ROOT_DIR } from '../../server/main.js';
import { runPlenary } from '../helpers/runCli.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { sampleMeeting } from './sampleMeeting.js';
import { pageView } from '../helpers/pageView.js';

async function roundTrip(m: MeetingJson) {
  const out = await exportMeeting(m, 'htm');
  expect(out.contentType).toBe('text/html; charset=utf-8');
  const back = await importMeeting(new TextEncoder().encode(out.data as string), { format: 'auto', fileName: 'page.htm' });
  return { html: out.data as string, back: back.meeting, warnings: back.warnings };
}

describe('export.htm: the Tdocs-by-agenda page', () => {
  it('is one of the formats written, and reads as an HTML Tdoc page', () => {
    expect(supportedFormats().export).toContain('htm');
  });

  it('G-WEEK-6 re-imports the sample meeting exactly: agenda (unnumbered, deep and repeated numbers), Tdocs, links, cells, meta', async () => {
    const m = sampleMeeting();
    const { html, back, warnings } = await roundTrip(m);
    expect(pageView(back)).toEqual(pageView(m));
    // Only the sample's status words new to a 3GPP vocabulary are told, as every importer tells them.
    expect(warnings.filter((w) => !w.message.startsWith('status '))).toEqual([]);
    // SA2's columns in its order, then what the meeting has besides; an item row per agenda item.
    expect(html).toMatch(/<th[^>]*><b>AI<\/b><\/th><th[^>]*><b>TD#<\/b><\/th><th[^>]*><b>Type<\/b><\/th><th[^>]*><b>Doc For<\/b><\/th><th[^>]*><b>Subject<\/b><\/th><th[^>]*><b>Source<\/b><\/th><th[^>]*><b>Rel<\/b><\/th><th[^>]*><b>Work Item<\/b><\/th><th[^>]*><b>Comments<\/b><\/th><th[^>]*><b>Result<\/b><\/th><th[^>]*><b>Is revision of<\/b>/);
    expect(html.match(/class="agenda-item"/g)).toHaveLength(m.agenda.length);
    expect(html).toContain('Docs:=');
    expect(html).toMatch(new RegExp(`Total documents: <b>${m.contributions.length} </b>`));
  });

  it('G-WEEK-6 re-imports the SEC #23 seed exactly', async () => {
    const seed = (await importMeeting(readFileSync(join(ROOT_DIR, 'tests/fixtures/agenda-sec23.txt')), { fileName: 'agenda-sec23.txt' })).meeting;
    const { back } = await roundTrip(seed);
    expect(pageView(back)).toEqual(pageView(seed));
    expect(back.statuses).toEqual(seed.statuses);
  });

  it('escapes every text: a title or note with markup stays text', async () => {
    const m = sampleMeeting();
    m.contributions[0].title = '<script>alert(1)</script> & "quotes"';
    m.contributions[0].notes = 'a <b>bold</b> claim\nsecond line';
    const { html, back } = await roundTrip(m);
    expect(html).not.toContain('<script>alert');
    expect(back.contributions[0]).toMatchObject({ title: m.contributions[0].title, notes: m.contributions[0].notes });
  });

  it('is written by plenary export --format htm and GET /api/meetings/:id/export.htm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'plenary-htm-'));
    try {
      writeFileSync(join(dir, 'm.json'), JSON.stringify(sampleMeeting()));
      const run = await runPlenary(['export', join(dir, 'm.json'), '--format', 'htm']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^<!DOCTYPE html>/);
      const back = (await importMeeting(new TextEncoder().encode(run.stdout), { format: 'html' })).meeting;
      expect(pageView(back)).toEqual(pageView(sampleMeeting()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const ts = await startTestServer();
    const created = await createMeeting(ts, sampleMeeting());
    const res = await fetch(`${ts.url}/api/meetings/${created.id}/export.htm?token=${created.tokens.delegate}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${created.id}.htm"`);
    const served = (await importMeeting(new Uint8Array(await res.arrayBuffer()), { format: 'html' })).meeting;
    expect(pageView(served).contributions).toEqual(pageView(sampleMeeting()).contributions);
  });
});
