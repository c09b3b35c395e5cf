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
import { readTable } from './blockTables.js';
import { ATTENDANCE_PLACEHOLDER, RECORD_HEADING, parseItemFacts } from './reportModel.js';

function sectionOf(text: string): Section | null {
  const t = cleanText(text).toLowerCase().replace(/[:.]$/, '');
  if (/^(action items?|actions|action points|open actions)$/.test(t)) return 'actions';
  if (/^(schedule|time plan|sessions|draft time allocation|meeting schedule)$/.test(t)) return 'schedule';
  if (/^(deliverables|draft deliverables)$/.test(t)) return 'deliverables';
  if (/^(objectives|objectives of the meeting)$/.test(t)) return 'objectives';
  if (/^(attendance|attendees|participants)$/.test(t)) return 'attendance';
  // Our report's record of speakers and polls: not read back (meeting JSON carries it).
  if (t === RECORD_HEADING.toLowerCase()) return 'record';
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

export function blocksToMeeting(blocks: Block[], b: MeetingBuilder, opts: BlockOptions = {}): void {
  const st: BlockState = { b, section: 'front', currentItem: null, session: null, details: [] };
  const stack: { level: number; id: string; title: string; label: string }[] = [];
  const counters: number[] = [];
  let sawTitle = false;
  let sectionLevel = 0;
  /** The item whose heading was the last block: a facts line may follow it. */
  let justOpened: string | null = null;

  const closeSession = () => {
    if (!st.session) return;
    const { items, ...s } = st.session;
    b.addSession({ ...s, agendaItems: items });
    st.session = null;
  };
  const addNote = (text: string) => {
    const t = text.trim();
    if (!t) return;
    if (st.currentItem) {
      const cur = itemNotes.get(st.currentItem) ?? '';
      itemNotes.set(st.currentItem, cur ? `${cur}\n${t}` : t);
    } else if (st.session && !st.currentItem) {
      st.session.agendaNote = st.session.agendaNote ? `${st.session.agendaNote}\n${t}` : t;
    } else st.details.push(t);
  };
  const itemNotes = new Map<string, string>();

  for (const blk of blocks) {
    if (st.section === 'carried' && blk.kind !== 'heading') continue;
    if (blk.kind === 'heading') {
      const text = cleanText(blk.text);
      if (!text) continue;
      if (!sawTitle && blk.level === 1 && st.section === 'front' && !b.meta.title && !splitLabel(text)[0]) {
        b.meta.title = text;
        sawTitle = true;
        continue;
      }
      const [label, title] = splitLabel(text);
      const sec = label ? null : sectionOf(text);
      if (sec) {
        closeSession();
        st.section = sec;
        sectionLevel = blk.level;
        st.currentItem = null;
        stack.length = 0;
        continue;
      }
      const date = !label && blk.level <= 2 ? findDate(text) : '';
      if (date) {
        closeSession();
        st.section = 'agenda';
        st.currentItem = null;
        stack.length = 0;
        const tr = findTimeRange(text);
        st.session = { date, title: '', agendaNote: '', items: [], where: blk.where };
        if (tr) Object.assign(st.session, { start: tr.start, end: tr.end, title: cleanText(text.slice(0, tr.index) + ' ' + text.slice(tr.index + tr.length)) });
        continue;
      }
      if (st.section === 'record' && !label && blk.level > sectionLevel) continue;
      // Inside a schedule, actions ... section, a lower unnumbered heading is part of it; a numbered or
      // higher one resumes the agenda.
      if (!label && blk.level > sectionLevel && !['agenda', 'front', 'attendance'].includes(st.section)) {
        addNote(text);
        continue;
      }
      st.section = 'agenda';
      // Markdown and Word stop at level 6: deeper numbered items sit at 6 too, and nest by their numbers.
      const deeper = (top: { level: number; label: string }) => blk.level === 6 && top.level === 6 && !!label && !!top.label && label.startsWith(`${top.label}.`);
      while (stack.length && stack[stack.length - 1].level >= blk.level && !deeper(stack[stack.length - 1])) stack.pop();
      let useLabel = label;
      if (!label && opts.autoNumber) {
        const depth = stack.length;
        counters.length = depth + 1;
        counters[depth] = (counters[depth] ?? 0) + 1;
        useLabel = counters.slice(0, depth + 1).map((n) => n ?? 1).join('.');
      }
      const parent = stack.length ? stack[stack.length - 1].id : null;
      const id = b.addItem({ label: useLabel, title }, parent);
      stack.push({ level: blk.level, id, title, label: useLabel });
      justOpened = id;
      st.currentItem = id;
      if (st.session && stack.length === 1) st.session.items.push(id);
      continue;
    }
    if (st.section === 'record') continue;
    if (blk.kind === 'table') {
      readTable(st, blk.rows, blk.where ?? {}, addNote);
      continue;
    }
    const text = blk.text.trim();
    if (!text) continue;
    const opened = justOpened;
    justOpened = null;
    if (blk.kind === 'para' && st.currentItem && opened === st.currentItem) {
      const facts = parseItemFacts(text);
      if (facts) {
        b.updateItem(st.currentItem, { ...facts, documents: facts.documents ? facts.documents.split(/,\s*/).filter(Boolean) : undefined });
        continue;
      }
    }
    if (blk.kind === 'para' && st.session && !st.currentItem && !st.session.start) {
      const tr = findTimeRange(text);
      if (tr) {
        st.session.start = tr.start;
        st.session.end = tr.end;
        const rest = cleanText(text.slice(tr.index + tr.length)).replace(/^[_*\s-]+|[_*\s]+$/g, '');
        const dash = rest.lastIndexOf(' - ');
        st.session.title = dash > 0 ? rest.slice(0, dash) : rest;
        st.session.room = dash > 0 ? rest.slice(dash + 3) : '';
        continue;
      }
    }
    if (st.section === 'front' && blk.kind === 'para') {
      if (!b.meta.title) {
        b.meta.title = cleanText(text);
        continue;
      }
      const range = !b.meta.startDate ? findDateRange(text) : { start: '', end: '' };
      if (range.start) {
        b.meta.startDate = range.start;
        if (range.end) b.meta.endDate = range.end;
        const venue = /\b\d{4}\b[,\s]*(.+)$/.exec(text)?.[1];
        if (venue && !b.meta.venue) b.meta.venue = cleanText(venue);
        continue;
      }
    }
    const itemTitle = st.currentItem ? stack.find((x) => x.id === st.currentItem)?.title ?? '' : '';
    if (blk.kind === 'bullet' && (st.section === 'objectives' || /\bobjectives\b/i.test(itemTitle))) {
      b.addObjective(text);
      continue;
    }
    const deliverable = blk.kind === 'bullet' && /deliverables/i.test(itemTitle) ? DELIVERABLE.exec(text) : null;
    if (deliverable) {
      b.addDeliverable({ name: deliverable[1], version: deliverable[3], reference: deliverable[4] ?? '', note: cleanText(`${deliverable[2]} ${deliverable[5]}`) });
      continue;
    }
    const dur = blk.kind === 'bullet' && st.section === 'agenda' ? DURATION.exec(text) ?? DURATION_INSIDE.exec(text) : null;
    if (dur) {
      const rest = dur.index === 0 ? text.slice(dur[0].length) : `${text.slice(0, dur.index)} ${text.slice(dur.index + dur[0].length)}`;
      const { title, presenters } = splitBullet(rest.replace(/\s+([-–—]+)\s*$/, '').trim());
      const id = b.addItem(
        { label: '', title, duration: `${dur[1]} ${dur[2].toLowerCase().startsWith('h') ? 'h' : 'min'}`, presenters, documents: draftsIn(text, blk.links) },
        st.currentItem,
      );
      if (st.session && !st.currentItem) st.session.items.push(id);
      continue;
    }
    if (st.section === 'attendance' && text === ATTENDANCE_PLACEHOLDER) continue;
    addNote(blk.kind === 'bullet' ? `· ${text}` : text);
  }
  closeSession();
  for (const [id, notes] of itemNotes) {
    b.updateItem(id, { notes, documents: draftsIn(notes) });
  }
  if (st.details.length && !b.meta.details && opts.keepProse !== false) b.meta.details = st.details.join('\n');
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
