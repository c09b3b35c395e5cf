/**
 * The meeting schedule of an agenda saved as text: a row holding a day name (`MONDAY`, `Thursday`) sets
 * the day; each following row with a time-range cell (`8:30-10:00`, `17:00- 18:30`) is a session whose
 * other cells give the room and the title, the title cell's further lines being the agenda note.
 */
import type { Session } from '../document/meetingSchema.js';
import type { TextCell } from './textAgendaLines.js';

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** A session as read, before it has an id and its agenda item ids are resolved; `line` for warnings. */
export type SessionDraft = Omit<Session, 'id' | 'agendaItemIds'> & { line: number };

/** The weekday (0 = Sunday) a cell names (`MONDAY`, `Tue`, `Thursday 19 May`), or -1. */
export function dayOfCell(text: string): number {
  const t = text.trim();
  if (!t || t.length > 40 || t.includes('\n')) return -1;
  const first = /^\p{L}+/u.exec(t)?.[0].toLowerCase();
  if (!first || first.length < 3) return -1;
  return DAY_NAMES.findIndex((d) => d.startsWith(first));
}

/** `8:30-10:00` → 08:30 to 10:00; also `17:00- 18:30`, `9.00 – 10.30`, `14h00-15h30`, `9:00 to 10:30 KST`. */
export function parseTimeRange(text: string): { start: string; end: string } | null {
  const t = text.trim();
  if (t.length > 40) return null;
  const m = /^(\d{1,2})[:.hH](\d{2})\s*(?:-|–|—|to)\s*(\d{1,2})[:.hH](\d{2})(?:\s*h(?:rs)?)?(?:\s*\(?[A-Z]{2,5}\)?)?$/.exec(t);
  if (!m) return null;
  const [h1, m1, h2, m2] = [+m[1], +m[2], +m[3], +m[4]];
  if (h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59) return null;
  const hm = (h: number, min: number) => `${String(h === 24 ? 23 : h).padStart(2, '0')}:${String(h === 24 ? 59 : min).padStart(2, '0')}`;
  return { start: hm(h1, m1), end: hm(h2, m2) };
}

/** The last word of a session title that looks like a session code (`S1`, `Jap1`, `D1`, `Jm1`), or ''. */
export function sessionCode(title: string): string {
  const words = title.trim().split(/\s+/);
  const last = (words[words.length - 1] ?? '').replace(/^[(\[]|[)\].,:;]$/g, '');
  return /^[A-Z][A-Za-z]{0,4}\d{1,2}[a-z]?$/.test(last) ? last : '';
}

/** YYYY-MM-DD of the first `weekday` on or after `startDate`, not before `notBefore`; '' without a start. */
export function dateOfWeekday(startDate: string, endDate: string, weekday: number, notBefore: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(startDate);
  if (!m || weekday < 0) return '';
  const start = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const day = 86_400_000;
  let t = start + (((weekday - new Date(start).getUTCDay()) % 7) + 7) % 7 * day;
  const isoOf = (x: number) => new Date(x).toISOString().slice(0, 10);
  // A day after the meeting's end is the one just before its start (a Sunday pre-meeting).
  if (endDate && isoOf(t) > endDate && !notBefore) t -= 7 * day;
  // A schedule over several weeks names Monday again: the next one.
  for (let i = 0; i < 60 && notBefore && isoOf(t) < notBefore; i++) t += 7 * day;
  return isoOf(t);
}

/**
 * A schedule row to a session, when one of its cells is a time range. Of the other cells, the one holding
 * several lines or the word "session" is the title (its first line) and agenda note (the rest); the first
 * remaining one is the room.
 */
export function sessionOfRow(cells: TextCell[], date: string): SessionDraft | null {
  const timeAt = cells.findIndex((c) => parseTimeRange(c.text) !== null);
  if (timeAt < 0) return null;
  const time = parseTimeRange(cells[timeAt].text)!;
  const others = cells.filter((c, i) => i !== timeAt && c.text.trim() !== '' && dayOfCell(c.text) < 0);
  let titleCell = others.find((c) => /session/i.test(c.text.split('\n')[0]));
  titleCell ??= others.find((c) => c.text.includes('\n'));
  titleCell ??= others[others.length - 1];
  const roomCell = others.find((c) => c !== titleCell);
  const lines = titleCell ? titleCell.text.split('\n') : [];
  const title = (lines[0] ?? '').trim();
  return {
    date,
    start: time.start,
    end: time.end,
    room: roomCell ? roomCell.text.replace(/\s*\n\s*/g, ' ').trim() : '',
    code: sessionCode(title),
    title,
    agendaNote: lines.slice(1).join('\n').trim(),
    line: cells[0].line,
  };
}

/**
 * The agenda item numbers an agenda note names, in order: every dotted number (`7.1, 7.2`, `5.4 / 5.5`;
 * `5.x` gives `5`), and plain numbers right after `Item(s)` (`Agenda Items 8, 9`). A number glued to a
 * letter (`v1.4.2`, `TS-0003`) is not an item.
 */
export function itemLabelsInNote(note: string): string[] {
  const out: string[] = [];
  let listMode = false;
  let prevEnd = -1;
  let prevWasLetter = false;
  for (const m of note.slice(0, 2000).matchAll(/\d+(?:\.(?:\d+|[xX]))*|\p{L}+|\S/gu)) {
    const tok = m[0];
    const glued = prevEnd === m.index && prevWasLetter;
    if (/^\d/.test(tok)) {
      const dotted = tok.includes('.');
      if (!glued && !/^0\d/.test(tok) && (dotted || listMode)) out.push(tok.replace(/(\.[xX])+$/, ''));
    } else if (/^\p{L}/u.test(tok)) {
      const w = tok.toLowerCase();
      listMode = w === 'item' || w === 'items' || w === 'ai' || w === 'ais' || (listMode && w === 'and');
    } else if (!',/&;'.includes(tok)) {
      listMode = false;
    }
    prevWasLetter = /^\p{L}/u.test(tok) || tok === '-';
    prevEnd = m.index + tok.length;
  }
  return [...new Set(out)];
}
