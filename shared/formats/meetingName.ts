/**
 * A meeting's name when the file does not carry one usefully: Word-exported TdocsByAgenda pages are all
 * titled "Document List for meeting All sessions - Ordered by Agenda Item", which is no name to put on
 * the room's screen. The meeting's own agenda Tdoc names it ("SA WG2 #137 Meeting Agenda", "Agenda for
 * meeting RAN #110 held ..."); failing that, the Tdoc numbers' prefix says which group's list it is.
 */
import type { Contribution } from '../document/meetingSchema.js';

/** True for a page title that names no meeting (the Word export's generic one, or none). */
export function isGenericPageTitle(title: string): boolean {
  return !title.trim() || /document list for meeting|ordered by agenda item|^chairman'?s notes$|^tdoc list$/i.test(title.trim());
}

/** The meeting's name from its agenda Tdoc's title, or undefined. */
export function meetingNameFromTdocs(contributions: readonly Pick<Contribution, 'title' | 'type'>[]): string | undefined {
  const agendas = contributions.filter((c) => /^agenda$/i.test((c.type ?? '').trim()) || /\bmeeting agenda\b|^agenda for\b/i.test(c.title));
  for (const c of agendas) {
    const title = c.title.replace(/\s+/g, ' ').trim();
    const held = /^(?:draft\s+)?agenda for (?:the )?(?:meeting\s+)?(.+?)(?:\s+held\b.*)?$/i.exec(title);
    if (held?.[1]) return held[1].trim();
    const named = /^(?:draft\s+)?(.+?#\s*\S+?)\s+(?:meeting\s+)?agenda\b/i.exec(title);
    if (named?.[1]) return named[1].trim();
  }
  return undefined;
}

/** 'Tdocs S2-…': the most common Tdoc number prefix, for a list that names nothing else; '' when none. */
export function nameFromNumbers(contributions: readonly Pick<Contribution, 'number'>[]): string {
  const counts = new Map<string, number>();
  for (const c of contributions) {
    const m = /^([A-Za-z][A-Za-z0-9]{0,5})-\d/.exec(c.number.trim());
    if (m) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  }
  const top = [...counts].sort((a, b) => b[1] - a[1])[0];
  return top ? `${top[0]} Tdocs by agenda item` : '';
}
