/**
 * Seeded random meetings (tricky text: Markdown and CSV specials, quotes, line breaks, non-ASCII; random
 * agenda trees, statuses and links) through every exporter and back. Seeds print on failure; PLENARY_FUZZ=long
 * for more.
 */
import { describe, expect, it } from 'vitest';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { MeetingBuilder } from '../../shared/formats/meetingBuilder.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { bytesOf, summary } from './sampleMeeting.js';

const SEEDS = process.env.PLENARY_FUZZ === 'long' ? 150 : 12;
/** Column headers: the portal's (written in place), a body's own (appended), specials. */
const HEADERS = ['Contact', 'Release', 'Spec', 'CR', 'Reply to', 'Liaison ref', 'Région', 'x,y "q"', 'a;b', 'WI code'];
const TOKENS = ['a|b', '*x*', '_y_', '[l](u)', '<tag>', '"q"', 'c,d', 'e;f', '#h', 'ü', '€', 'back\\slash', '`code`', 'S2-123', '(p)', '&amp;', 'R01:', '·', 'ĳ'];

function text(rng: SeededRandom, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.chance(0.3) ? rng.pick(TOKENS) : rng.word(1, 9));
  return out.join(' ');
}

function randomMeeting(seed: number): MeetingJson {
  const rng = seededRandom(seed);
  const b = new MeetingBuilder();
  Object.assign(b.meta, { title: text(rng, 4), chair: text(rng, 2), venue: text(rng, 2), startDate: '2024-03-04', endDate: '2024-03-08', timezone: 'Europe/Paris' });
  const items: { id: string; label: string }[] = [];
  const top = rng.int(1, 5);
  for (let i = 1; i <= top; i++) {
    const id = b.addItem({ label: String(i), title: text(rng, rng.int(1, 6)), notes: rng.chance(0.4) ? [text(rng, 5), text(rng, 3)].join('\n') : '' }, null);
    items.push({ id, label: String(i) });
    for (let j = 1; j <= rng.int(0, 3); j++) {
      const cid = b.addItem({ label: `${i}.${j}`, title: text(rng, rng.int(1, 5)), duration: rng.chance(0.3) ? `${rng.int(1, 60)} min` : undefined }, id);
      items.push({ id: cid, label: `${i}.${j}` });
      if (rng.chance(0.3)) items.push({ id: b.addItem({ label: `${i}.${j}.1`, title: text(rng, 2) }, cid), label: `${i}.${j}.1` });
    }
  }
  if (rng.chance(0.5)) items.push({ id: b.addItem({ label: '', title: `${rng.int(1, 99)}${rng.pick(['G', '', '.1'])} ${text(rng, 2)}` }, null), label: '' });
  const statuses = ['', 'Agreed', 'noted', 'REPLY OPEN', 'Block Approve?', 'Revised', text(rng, 2)];
  const numbers: string[] = [];
  for (let k = 0; k < rng.int(0, 25); k++) {
    const number = `T${seed}-${String(k).padStart(4, '0')}${rng.chance(0.2) ? 'R01' : ''}`;
    numbers.push(number);
    b.addContribution({
      number,
      title: text(rng, rng.int(1, 8)),
      source: text(rng, rng.int(1, 3)),
      agendaItem: rng.chance(0.9) ? rng.pick(items).id : null,
      status: rng.pick(statuses),
      notes: rng.chance(0.5) ? Array.from({ length: rng.int(1, 3) }, () => text(rng, rng.int(1, 6))).join('\n') : '',
      revisionOf: numbers.length > 1 && rng.chance(0.3) ? rng.pick(numbers.slice(0, -1)) : undefined,
      mergedInto: numbers.length > 1 && rng.chance(0.1) ? rng.pick(numbers.slice(0, -1)) : undefined,
      columns: rng.chance(0.5)
        ? Object.fromEntries(Array.from({ length: rng.int(1, 4) }, () => [rng.pick(HEADERS), rng.chance(0.2) ? `${text(rng, 2)}\n${text(rng, 2)}` : text(rng, rng.int(1, 4))]))
        : undefined,
    });
  }
  for (let s = 0; s < rng.int(0, 4); s++) {
    b.addSession({
      date: `2024-03-0${rng.int(4, 8)}`,
      start: `${String(rng.int(8, 12)).padStart(2, '0')}:00`,
      end: `${String(rng.int(13, 18))}:30`,
      room: text(rng, 2),
      code: rng.chance(0.5) ? `S${s + 1}` : '',
      title: text(rng, 3),
      agendaNote: rng.chance(0.5) ? text(rng, 4) : '',
      agendaItems: items.length ? [rng.pick(items).id] : [],
    });
  }
  return b.build();
}

describe('random meetings through every format', () => {
  it('keep their agenda, contributions and sessions (as far as each format carries them)', async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const m = randomMeeting(seed);
      const a = summary(m);
      for (const fmt of ['md', 'docx', 'csv', 'xlsx', 'json'] as const) {
        const out = await exportMeeting(m, fmt);
        const back = (await importMeeting(bytesOf(out.data), { format: fmt })).meeting;
        const b = summary(back);
        const why = `seed ${seed} via ${fmt}`;
        expect(b.contributions, why).toEqual(a.contributions);
        expect(b.agenda.map((x) => [x.item, x.parent]), why).toEqual(a.agenda.map((x) => [x.item, x.parent]));
        if (fmt === 'csv' || fmt === 'xlsx' || fmt === 'json') {
          expect(back.contributions.map((c) => c.columns), why).toEqual(m.contributions.map((c) => c.columns));
        }
        if (fmt !== 'csv' && fmt !== 'xlsx') {
          expect(b.agenda, why).toEqual(a.agenda);
          expect(b.sessions, why).toEqual(a.sessions);
          expect(back.meta.title, why).toBe(m.meta.title);
        }
      }
      const ics = (await exportMeeting(m, 'ics')).data as string;
      expect(ics.match(/BEGIN:VEVENT/g)?.length ?? 0, `seed ${seed} ics`).toBe(m.sessions.length);
    }
  }, 120_000);
});
