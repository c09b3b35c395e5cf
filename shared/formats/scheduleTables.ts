/**
 * Schedules in agenda tables, three ways: a table with Date / Start / End ... columns (our reports), a weekly
 * time plan (weekday columns, time-slot rows whose slot cell is merged down over parallel rooms: 3GPP), and
 * day rows followed by room / time / session rows (oneM2M). Sessions name agenda items by their numbers.
 */
import type { BlockState } from './blockTypes.js';
import type { GridCell } from './htmlTable.js';
import type { Where } from './builderInputs.js';
import { addDays, findDateRange, findTimeRange, isoWeekday, normalizeTime, weekdayIndex } from './normalize.js';
import { foldHeader } from './tdocColumns.js';

function headerIndex(row: GridCell[], names: string[]): number {
  return row.findIndex((c) => names.includes(foldHeader(c.text)));
}

/** Agenda labels named in a text: '(7.7.2)', 'Agenda Items 7.1, 7.2', 'AI 5.4 / 5.5'. */
export function labelsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\(\s*(\d+(?:\.\d+)*)\s*(?:\)|$|\s)/g)) out.add(m[1]);
  const ai = /\b(?:agenda\s+items?|AIs?)\b[:\s]*((?:\d+(?:\.\d+)*[\s,/&and(]*)+)/gi;
  for (const m of text.matchAll(ai)) for (const l of m[1].matchAll(/\d+(?:\.\d+)*/g)) out.add(l[0]);
  return [...out];
}

export function readSessionTable(st: BlockState, rows: GridCell[][], rowWhere: (i: number) => Where): void {
  const head = rows[0];
  const col = (...n: string[]) => headerIndex(head, n);
  const c = {
    date: col('date', 'day'),
    start: col('start', 'from', 'time'),
    end: col('end', 'to', 'until'),
    room: col('room', 'location', 'place'),
    code: col('code', 'session'),
    title: col('title', 'session title', 'name'),
    items: col('agenda items', 'agenda item', 'items', 'ai'),
    note: col('agenda note', 'agenda', 'notes', 'note'),
  };
  const get = (r: GridCell[], i: number) => (i >= 0 ? r[i]?.text ?? '' : '');
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    if (!r.some((x) => x.text)) continue;
    let start = get(r, c.start);
    let end = get(r, c.end);
    const range = findTimeRange(start);
    if (range) ({ start, end } = range);
    const date = findDateRange(get(r, c.date)).start || get(r, c.date);
    st.b.addSession({
      date,
      start,
      end,
      room: get(r, c.room),
      code: get(r, c.code),
      title: get(r, c.title),
      agendaNote: c.note >= 0 ? (r[c.note]?.lines ?? []).join('\n') : '',
      agendaLabels: c.items >= 0 ? get(r, c.items).split(/[,;\s]+/).filter(Boolean) : labelsIn(get(r, c.note)),
      where: rowWhere(i),
    });
  }
}

/** A time plan: weekday columns, time-slot rows (a slot's cell merged down over its parallel rooms). */
export function readWeekPlan(st: BlockState, rows: GridCell[][]): void {
  const head = rows[0];
  const days = head.map((c) => weekdayIndex(c.text));
  const start = st.b.meta.startDate;
  const dateOf = (wd: number) => {
    if (!start || wd < 0) return '';
    return addDays(start, (wd - isoWeekday(start) + 7) % 7);
  };
  let slot: { start: string; end: string } | null = null;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const first = r[0];
    if (first && !first.spread) {
      const times = first.lines.join(' ').match(/\d{1,2}[:.]\d{2}/g) ?? [];
      slot = times.length >= 2 ? findTimeRange(`${times[0]}-${times[times.length - 1]}`) : null;
    }
    for (let k = 1; k < r.length; k++) {
      const cell = r[k];
      if (!cell || cell.spread || !cell.text || days[k] < 0) continue;
      const lines = cell.lines.map((l) => l.replace(/♠/g, '').trim()).filter((l) => l && !/^\*+$/.test(l));
      if (!lines.length) continue;
      const own = findTimeRange(cell.text);
      const lead = /^(\d{1,2}[:.]\d{2})\b/.exec(lines[0]);
      st.b.addSession({
        date: dateOf(days[k]),
        start: own?.start || (lead ? normalizeTime(lead[1]) : '') || slot?.start || '',
        end: own?.end ?? slot?.end ?? '',
        title: lines.join('; ').replace(/^\d{1,2}[:.]\d{2}\s*[-–]\s*\d{1,2}[:.]\d{2}\s*/, ''),
        agendaNote: cell.lines.join('\n'),
        agendaLabels: labelsIn(cell.text),
        where: { row: i + 1 },
      });
    }
  }
}

/** oneM2M style: a row naming a day, then rows of room / time / session title and agenda items. */
export function readDayRowSchedule(st: BlockState, rows: GridCell[][], rowWhere: (i: number) => Where): void {
  const start = st.b.meta.startDate;
  let date = '';
  rows.forEach((r, i) => {
    const cells = r.filter((c) => !c.spread && c.text);
    if (cells.length === 0) return;
    const wd = cells.length === 1 ? weekdayIndex(cells[0].text) : -1;
    if (wd >= 0) {
      date = start ? addDays(start, (wd - isoWeekday(start) + 7) % 7) : '';
      return;
    }
    const ti = cells.findIndex((c) => findTimeRange(c.text));
    if (ti < 0) {
      st.details.push(cells.map((c) => c.text).join(' | '));
      return;
    }
    const time = findTimeRange(cells[ti].text)!;
    const room = cells.slice(0, ti).map((c) => c.text).join(' ');
    const rest = cells.slice(ti + 1);
    const titleLine = rest[0]?.lines[0] ?? '';
    const code = /\b([A-Z][A-Za-z]{0,3}\d+)\s*$/.exec(titleLine)?.[1] ?? '';
    const note = rest.flatMap((c) => c.lines).slice(1).join('\n');
    st.b.addSession({
      date,
      start: time.start,
      end: time.end,
      room,
      code,
      title: code ? titleLine.slice(0, titleLine.lastIndexOf(code)).trim() : titleLine,
      agendaNote: note,
      agendaLabels: labelsIn(note),
      where: rowWhere(i),
    });
  });
}
