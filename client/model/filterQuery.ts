/**
 * Find-as-you-type: a query is words, each of which must match somewhere in a contribution (number,
 * aliases, title, source, status, agenda item number or title). A word may name its field:
 * `status:agreed`, `source:ericsson`, `item:5.2`, `number:0094`, `title:security`. Case does not matter.
 * `item:` with an agenda number matches that item and its sub-items only; with words, item titles too.
 */
import type { AgendaItem, Contribution, Status } from '../../shared/document/meetingSchema.js';

/** Fields a query word can name. */
export const QUERY_FIELDS = ['number', 'title', 'source', 'status', 'item'] as const;
export type QueryField = (typeof QUERY_FIELDS)[number];

export interface QueryTerm {
  field: QueryField | null;
  text: string;
}

const FIELD_ALIASES: Record<string, QueryField> = {
  number: 'number',
  no: 'number',
  tdoc: 'number',
  title: 'title',
  source: 'source',
  src: 'source',
  from: 'source',
  status: 'status',
  is: 'status',
  item: 'item',
  ai: 'item',
  agenda: 'item',
};

/** Splits a query into terms; "quoted words" stay together. */
export function parseQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  const re = /(\w+:)?("([^"]*)"?|\S+)/g;
  for (const m of query.matchAll(re)) {
    const prefix = m[1]?.slice(0, -1).toLowerCase();
    let text = (m[3] ?? m[2]).trim().toLowerCase();
    let field: QueryField | null = null;
    if (prefix && FIELD_ALIASES[prefix]) field = FIELD_ALIASES[prefix];
    else if (prefix) text = `${prefix}:${text}`;
    if (text) terms.push({ field, text });
  }
  return terms;
}

/** What a contribution is matched against (precomputed once per row, lowercased). */
export interface Haystack {
  number: string;
  title: string;
  source: string;
  status: string;
  itemLabel: string;
  itemTitle: string;
}

/** The lowercased texts a contribution is searched in. */
export function haystackOf(c: Contribution, item: AgendaItem | undefined, statuses: readonly Status[]): Haystack {
  const st = statuses.find((s) => s.id === c.status);
  return {
    number: [c.number, ...c.aliases].join(' ').toLowerCase(),
    title: c.title.toLowerCase(),
    source: c.source.toLowerCase(),
    status: `${c.status} ${st?.label ?? ''}`.toLowerCase(),
    itemLabel: (item?.label ?? '').toLowerCase(),
    itemTitle: (item?.title ?? '').toLowerCase(),
  };
}

function itemMatches(h: Haystack, text: string): boolean {
  return h.itemLabel === text || h.itemLabel.startsWith(`${text}.`);
}

/**
 * An agenda number as a query word ('7', '6.5.3', '8.1a', 'A.2'): starts with a digit or is a letter then
 * a dot. `item:` with such a word names the item and its sub-items only, never a title that happens to
 * hold the digits (`item:7` is not 9.1.4.7, 10.7, nor an item titled "Rel-17").
 */
const AGENDA_NUMBER = /^(?:\d[\da-z]*|[a-z])(?:\.[\da-z]+)*\.?$/;

function itemTermMatches(h: Haystack, text: string): boolean {
  if (AGENDA_NUMBER.test(text)) return itemMatches(h, text.replace(/\.$/, ''));
  return itemMatches(h, text) || h.itemTitle.includes(text);
}

/** True when every term matches. */
export function matches(h: Haystack, terms: readonly QueryTerm[]): boolean {
  return terms.every(({ field, text }) => {
    switch (field) {
      case 'number':
        return h.number.includes(text);
      case 'title':
        return h.title.includes(text);
      case 'source':
        return h.source.includes(text);
      case 'status':
        return h.status.includes(text);
      case 'item':
        return itemTermMatches(h, text);
      default:
        return (
          h.number.includes(text) ||
          h.title.includes(text) ||
          h.source.includes(text) ||
          h.status.includes(text) ||
          itemMatches(h, text) ||
          h.itemTitle.includes(text)
        );
    }
  });
}
