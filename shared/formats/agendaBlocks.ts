/**
 * Agendas and reports as a list of blocks (headings, paragraphs, bullets, tables), whatever they were written
 * in. The Markdown and Word importers turn their files into blocks; `blocksToMeeting` reads the structure:
 * headings open agenda items (or named sections: schedule, actions, deliverables, objectives), a level-2
 * heading with a date opens a session (IETF style), bullets with a time budget are sub-items, tables are read
 * by their header names (see blockTables.ts). Nothing is dropped quietly: text that fits nowhere becomes
 * notes, meeting details, or a warning.
 */
import { MeetingBuilder } from './meetingBuilder.js';
import type { Block, BlockOptions, BlockState, Section } from './blockTypes.js';
import { cleanText, findDate, findDateRange, findTimeRange, splitLabel } from './normalize.js';

export { splitLabel };
import { metaKey, readTable, setMetaField } from './blockTables.js';
import { POSITIONS_HEADING, RECORD_HEADING, isReportLine, parseItemFacts } from './reportModel.js';

function sectionOf(text: string): Section | null {
  const t = cleanText(text).toLowerCase().replace(/[:.]$/, '');
  if (/^(action items?|actions|action points|open actions)$/.test(t)) return 'actions';
  if (/^(schedule|time plan|sessions|draft time allocation|meeting schedule)$/.test(t)) return 'schedule';
  if (/^(deliverables|draft deliverables)$/.test(t)) return 'deliverables';
  if (/^(objectives|objectives of the meeting)$/.test(t)) return 'objectives';
  if (/^(attendance|attendees|participants)$/.test(t)) return 'attendance';
  // Our report's record of speakers and polls: not read back (meeting JSON carries it).
  if (t === RECORD_HEADING.toLowerCase() || t === POSITIONS_HEADING.toLowerCase()) return 'record';
  // Our report's annex repeats what is open (reportModel.ts CARRIED_HEADING): read once, not twice.
  if (/^annex: carried over\b/.test(t)) return 'carried';
  if (/^(agenda|agenda and documents|agenda items|documents|documents not allocated.*)$/.test(t)) return 'agenda';
  return null;
}

/** 'TS-0003 Rel-2 Baseline: v2.1.0 (SEC-2016-0077)', 'TR-0019 draft baseline: v0.5.0 available on portal'. */
const DELIVERABLE = /^((?:TS|TR)[-\s]?\d+)\s*(.*?):?\s*(v\d+(?:\.\d+)+)\s*(?:\((?:in\s+)?([A-Z][A-Za-z0-9]*-[\w-]*\d)\))?\s*(.*)$/;

/** A time budget elsewhere in the line: 'Intro (5 min) - Chairs', 'Intro - Chairs, 10 mins'. */
const DURATION_INSIDE = /[,(\[]?\s*\b(\d+(?:[.,]\d+)?)\s*(min|mins|minutes|hr|hrs|hours?)\b\.?\s*[)\]]?/i;
const DURATION = /^\s*(\d+(?:[.,]\d+)?)\s*(min|mins|minutes|m|h|hr|hrs|hours?)\b\.?\s*[-–—:]*\s*/i;
const DRAFT = /\bdraft-[a-z0-9]+(?:-[a-z0-9]+)*?(?=-\d\d\b|[^a-z0-9-]|$)/gi;

/** Draft names in a text and its links, without version suffix, once each. */
export function draftsIn(text: string, links: string[] = []): string[] {
  const out = new Set<string>();
  for (const s of [text, ...links]) for (const m of s.matchAll(DRAFT)) out.add(m[0].toLowerCase().replace(/-\d\d$/, ''));
  return [...out];
}

type HeadingBlock = Extract<Block, { kind: 'heading' }>;
type TextBlock = Extract<Block, { kind: 'para' | 'bullet' }>;

/** Where blocksToMeeting is: the state it shares with the table readers, and its own. */
interface Reader {
  st: BlockState;
  opts: BlockOptions;
  /** The agenda items open, outermost first, with their heading levels. */
  stack: { level: number; id: string; title: string; label: string }[];
  /** Automatic numbers per depth (opts.autoNumber). */
  counters: number[];
  sawTitle: boolean;
  /** The heading level of the named section (schedule, actions ...) the reader is in. */
  sectionLevel: number;
  /** The item whose heading was the last block: a facts line may follow it. */
  justOpened: string | null;
  itemNotes: Map<string, string>;
  /** Text that fits nowhere else: the current item's notes, the session's agenda note, or meeting details. */
  addNote: (text: string) => void;
}

export function blocksToMeeting(blocks: Block[], b: MeetingBuilder, opts: BlockOptions = {}): void {
  const st: BlockState = { b, section: 'front', currentItem: null, session: null, details: [] };
  const itemNotes = new Map<string, string>();
  const r: Reader = { st, opts, stack: [], counters: [], sawTitle: false, sectionLevel: 0, justOpened: null, itemNotes, addNote: (text) => addNote(st, itemNotes, text) };
  for (const blk of blocks) {
    if (st.section === 'carried' && blk.kind !== 'heading') continue;
    if (blk.kind === 'heading') readHeading(r, blk);
    else if (st.section === 'record') continue;
    // A recorded attendance's tables (issue 24) are people, not agenda.
    else if (st.section === 'attendance' && blk.kind === 'table') continue;
    else if (blk.kind === 'table') readTable(st, blk.rows, blk.where ?? {}, r.addNote);
    else readText(r, blk);
  }
  closeSession(st);
  for (const [id, notes] of itemNotes) {
    b.updateItem(id, { notes, documents: draftsIn(notes) });
  }
  if (st.details.length && !b.meta.details && opts.keepProse !== false) b.meta.details = st.details.join('\n');
}

function closeSession(st: BlockState): void {
  if (!st.session) return;
  const { items, ...s } = st.session;
  st.b.addSession({ ...s, agendaItems: items });
  st.session = null;
}

function addNote(st: BlockState, itemNotes: Map<string, string>, text: string): void {
  const t = text.trim();
  if (!t) return;
  if (st.currentItem) {
    const cur = itemNotes.get(st.currentItem) ?? '';
    itemNotes.set(st.currentItem, cur ? `${cur}\n${t}` : t);
  } else if (st.session && !st.currentItem) {
    st.session.agendaNote = st.session.agendaNote ? `${st.session.agendaNote}\n${t}` : t;
  } else st.details.push(t);
}

/** A heading: the meeting's title, a named section, a session's date (IETF style), or an agenda item. */
function readHeading(r: Reader, blk: HeadingBlock): void {
  const { st } = r;
  const text = cleanText(blk.text);
  if (!text) return;
  if (!r.sawTitle && blk.level === 1 && st.section === 'front' && !st.b.meta.title && !splitLabel(text)[0]) {
    st.b.meta.title = text;
    r.sawTitle = true;
    return;
  }
  const [label, title] = splitLabel(text);
  const sec = label ? null : sectionOf(text);
  if (sec) {
    closeSession(st);
    st.section = sec;
    r.sectionLevel = blk.level;
    st.currentItem = null;
    r.stack.length = 0;
    return;
  }
  const date = !label && blk.level <= 2 ? findDate(text) : '';
  if (date) {
    closeSession(st);
    st.section = 'agenda';
    st.currentItem = null;
    r.stack.length = 0;
    const tr = findTimeRange(text);
    st.session = { date, title: '', agendaNote: '', items: [], where: blk.where };
    if (tr) Object.assign(st.session, { start: tr.start, end: tr.end, title: cleanText(text.slice(0, tr.index) + ' ' + text.slice(tr.index + tr.length)) });
    return;
  }
  if (st.section === 'record' && !label && blk.level > r.sectionLevel) return;
  // Inside a schedule, actions ... section, a lower unnumbered heading is part of it; a numbered or
  // higher one resumes the agenda.
  if (!label && blk.level > r.sectionLevel && !['agenda', 'front', 'attendance'].includes(st.section)) {
    r.addNote(text);
    return;
  }
  openItem(r, blk.level, label, title);
}

/** An agenda item's heading: under the open item of a lower level (numbered from the levels if asked). */
function openItem(r: Reader, level: number, label: string, title: string): void {
  const { st, stack, counters } = r;
  st.section = 'agenda';
  // Markdown and Word stop at level 6: deeper numbered items sit at 6 too, and nest by their numbers.
  const deeper = (top: { level: number; label: string }) => level === 6 && top.level === 6 && !!label && !!top.label && label.startsWith(`${top.label}.`);
  while (stack.length && stack[stack.length - 1].level >= level && !deeper(stack[stack.length - 1])) stack.pop();
  let useLabel = label;
  if (!label && r.opts.autoNumber) {
    const depth = stack.length;
    counters.length = depth + 1;
    counters[depth] = (counters[depth] ?? 0) + 1;
    useLabel = counters.slice(0, depth + 1).map((n) => n ?? 1).join('.');
  }
  const parent = stack.length ? stack[stack.length - 1].id : null;
  const id = st.b.addItem({ label: useLabel, title }, parent);
  stack.push({ level, id, title, label: useLabel });
  r.justOpened = id;
  st.currentItem = id;
  if (st.session && stack.length === 1) st.session.items.push(id);
}

/** A paragraph or bullet: what it says of the item, session or meeting, else a note. */
function readText(r: Reader, blk: TextBlock): void {
  const text = blk.text.trim();
  if (!text) return;
  const opened = r.justOpened;
  r.justOpened = null;
  if (blk.kind === 'para' && readPara(r, text, opened)) return;
  if (blk.kind === 'bullet' && readBullet(r, text, blk.links)) return;
  if (r.st.section === 'attendance' && isReportLine(text)) return;
  r.addNote(blk.kind === 'bullet' ? `· ${text}` : text);
}

/**
 * A paragraph that is the facts line of the item just opened, a session's time, or the front matter's
 * title, dates and venue. False when it is none of them.
 */
function readPara(r: Reader, text: string, opened: string | null): boolean {
  const { st } = r;
  const b = st.b;
  if (st.currentItem && opened === st.currentItem) {
    const facts = parseItemFacts(text);
    if (facts) {
      b.updateItem(st.currentItem, { ...facts, documents: facts.documents ? facts.documents.split(/,\s*/).filter(Boolean) : undefined });
      return true;
    }
  }
  if (st.session && !st.currentItem && !st.session.start) {
    const tr = findTimeRange(text);
    if (tr) {
      st.session.start = tr.start;
      st.session.end = tr.end;
      const rest = cleanText(text.slice(tr.index + tr.length)).replace(/^[_*\s-]+|[_*\s]+$/g, '');
      const dash = rest.lastIndexOf(' - ');
      st.session.title = dash > 0 ? rest.slice(0, dash) : rest;
      st.session.room = dash > 0 ? rest.slice(dash + 3) : '';
      return true;
    }
  }
  if (st.section === 'front') {
    // 'Chair: Jane Roe (ACME)', 'Document for: Approval': a line of the cover's facts.
    const colon = text.indexOf(':');
    const key = colon > 0 && colon <= 40 ? metaKey(text.slice(0, colon)) : undefined;
    if (key && cleanText(text.slice(colon + 1))) {
      setMetaField(st, key, [text.slice(colon + 1)]);
      return true;
    }
    if (!b.meta.title) {
      b.meta.title = cleanText(text);
      return true;
    }
    const range = !b.meta.startDate ? findDateRange(text) : { start: '', end: '' };
    if (range.start) {
      b.meta.startDate = range.start;
      if (range.end) b.meta.endDate = range.end;
      const venue = /\b\d{4}\b[,\s]*(.+)$/.exec(text)?.[1];
      if (venue && !b.meta.venue) b.meta.venue = cleanText(venue);
      return true;
    }
  }
  return false;
}

/** A bullet that is an objective, a deliverable, or a sub-item with a time budget. False when it is none of them. */
function readBullet(r: Reader, text: string, links: string[] | undefined): boolean {
  const { st } = r;
  const b = st.b;
  const itemTitle = st.currentItem ? r.stack.find((x) => x.id === st.currentItem)?.title ?? '' : '';
  if (st.section === 'objectives' || /\bobjectives\b/i.test(itemTitle)) {
    b.addObjective(text);
    return true;
  }
  const deliverable = /deliverables/i.test(itemTitle) ? DELIVERABLE.exec(text) : null;
  if (deliverable) {
    b.addDeliverable({ name: deliverable[1], version: deliverable[3], reference: deliverable[4] ?? '', note: cleanText(`${deliverable[2]} ${deliverable[5]}`) });
    return true;
  }
  const dur = st.section === 'agenda' ? DURATION.exec(text) ?? DURATION_INSIDE.exec(text) : null;
  if (dur) {
    const rest = dur.index === 0 ? text.slice(dur[0].length) : `${text.slice(0, dur.index)} ${text.slice(dur.index + dur[0].length)}`;
    const { title, presenters } = splitBullet(rest.replace(/\s+([-–—]+)\s*$/, '').trim());
    const id = b.addItem(
      { label: '', title, duration: `${dur[1]} ${dur[2].toLowerCase().startsWith('h') ? 'h' : 'min'}`, presenters, documents: draftsIn(text, links) },
      st.currentItem,
    );
    if (st.session && !st.currentItem) st.session.items.push(id);
    return true;
  }
  return false;
}

/** 'Title - Presenter - [slides]' → title and presenters (link-only parts such as slides dropped). */
function splitBullet(text: string): { title: string; presenters: string } {
  const parts = text
    .split(/\s+[-–—]{1,2}\s+/)
    .map((p) => cleanText(p.replace(/\[slides\]|\(\s*\[?slides\]?\s*\)|\bslides\b/gi, '')))
    .filter(Boolean);
  const title = parts.shift() ?? '';
  return { title, presenters: parts.join('; ') };
}
