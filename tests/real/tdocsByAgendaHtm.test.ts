/**
 * The body's own output on real pages (issue 25): each real Tdocs-by-agenda page and portal export
 * (PLENARY_REAL_DATA) imported, written as Plenary's Tdocs-by-agenda page (export.htm) and imported again
 * gives the same meeting: agenda, every Tdoc with its fields, results, comments, cells and links, and the
 * meeting's venue and dates.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { pageView } from '../helpers/pageView.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DATA = process.env.PLENARY_REAL_DATA ?? resolve(ROOT, '../shared/fixtures/real');
const PAGES = ['3gpp-tdocs-by-agenda', '3gpp-portal-html'].flatMap((d) => readdirSync(join(DATA, d)).filter((f) => /\.html?$/i.test(f)).map((f) => join(DATA, d, f)));

describe('export.htm of real pages', () => {
  it('has real pages to try', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(3);
  });

  for (const f of PAGES) {
    it(`${basename(f)}: G-WEEK-6 re-imports exactly`, async () => {
      const first = await importMeeting(new Uint8Array(readFileSync(f)), { fileName: basename(f) });
      const out = await exportMeeting(first.meeting, 'htm');
      const back = await importMeeting(new TextEncoder().encode(out.data as string), { format: 'html' });
      expect(pageView(back.meeting)).toEqual(pageView(first.meeting));
      expect(back.meeting.statuses).toEqual(first.meeting.statuses);
      // The page's own miscounts (a group's Docs:=N against the rows under it: SA2 #137-e's "TEI17 Proposals"
      // announces 1 and lists none) are not copied: Plenary's page writes the count it lists.
      const ownCount = (m: string) => /announces \d+ documents/.test(m);
      expect(back.warnings.map((w) => w.message)).toEqual(first.warnings.map((w) => w.message).filter((m) => !ownCount(m)));
      console.log(`${basename(f)}: ${first.meeting.contributions.length} Tdocs under ${first.meeting.agenda.length} items through export.htm (${Math.round((out.data as string).length / 1024)} KB)`);
    });
  }

  it('reads the venue of SA2 #155 from its page (its Tdocs in the Athens meeting folder)', async () => {
    const f = PAGES.find((p) => p.includes('SA2-155'))!;
    const m = (await importMeeting(new Uint8Array(readFileSync(f)), { fileName: basename(f) })).meeting;
    expect(m.meta).toMatchObject({ venue: 'Athens', timezone: 'Europe/Athens' });
  });
});
