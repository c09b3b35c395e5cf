/**
 * A meeting's registration list (issue 24), as the bodies' portals export it: CSV (`,` `;` or tab; UTF-8,
 * UTF-16 or windows-1252, decodeText.ts), .xlsx (any sheet), or JSON `[{"name","organisation","email"}]`.
 *
 * The header is recognised by what its cells say, in any column order and any of the usual words: a name
 * column (or first and last name), organisation / company / member / affiliation, e-mail, and on-site /
 * remote / attendance type where given. A column of addresses with another header is taken as the e-mail
 * column. A list with no recognisable name column is refused with what its first rows hold. Two rows for
 * the same person (same e-mail, else same name and organisation) are reported, and the later one left out:
 * duplicates are never merged silently.
 */
import { parse } from 'csv-parse/sync';
import { decodeText } from './decodeText.js';
import { restoreFormula } from './csvFormula.js';
import { ImportError } from './types.js';
import { assertZip, libraryError } from './zipInput.js';
import { loadWorkbookForText } from './excelFastLoad.js';
import { excelCellText } from './xlsxTdocList.js';

/** Where a person takes part: in the room, remotely, or not said. */
export type Place = 'room' | 'remote' | '';

export interface RegistrationRow {
  name: string;
  organisation: string;
  /** As written ('' when the list has none for this person). */
  email: string;
  place: Place;
  /** 1-based line (CSV) or row (sheet) or array index + 1 (JSON), for messages. */
  at: number;
}

export interface RegistrationDuplicate {
  at: number;
  name: string;
  organisation: string;
  email: string;
  /** The row it repeats. */
  sameAs: number;
  /** 'email' or 'name and organisation'. */
  by: string;
}

export interface RegistrationList {
  rows: RegistrationRow[];
  duplicates: RegistrationDuplicate[];
  /** Rows left out (no name), with why. */
  skipped: { at: number; why: string }[];
  /** The columns recognised, by header as written. */
  columns: Partial<Record<'name' | 'first' | 'last' | 'organisation' | 'email' | 'place', string>>;
  format: 'csv' | 'xlsx' | 'json';
}

/** Bounds of one list and one person. */
export const REGISTRATION_LIMITS = { maxPeople: 10_000, maxName: 120, maxOrganisation: 120, maxEmail: 254 } as const;

type Column = keyof RegistrationList['columns'];

/** Header words, tried in this order on each cell (the first that matches takes the cell). */
const HEADER_WORDS: [Column, RegExp][] = [
  ['email', /^(e-?mail|mail|courriel)(\s*(address|adress|addr\.?))?$|^(contact\s*)?e-?mail/],
  ['first', /^(first|given|fore)\s*-?name$|^first$|^pr[ée]nom$|^vorname$/],
  ['last', /^(last|family|sur)\s*-?name$|^surname$|^last$|^nom( de famille)?$|^nachname$/],
  ['organisation', /organi[sz]ation|compan(y|ies)|^member(ship)?( (company|name|organi[sz]ation))?$|affiliation|employer|^org\.?$|^entity$|institution|^firm$|represent/],
  ['place', /on-?\s?site|remote|attendance|participation\s*(type|mode)|^presence$|in[- ]person|^where$|^mode$|^venue attendance$/],
  ['name', /^(full\s*)?name$|^(delegate|participant|attendee|person|registrant|member)(\s*name)?$|^(delegate|participant|attendee)s?$|^names?$|^name and surname$|^nom complet$/],
];

/** A header cell's column, or undefined. */
export function headerColumn(cell: string): Column | undefined {
  const c = cell.replace(/[\s_]+/g, ' ').trim().toLowerCase();
  if (!c) return undefined;
  return HEADER_WORDS.find(([, re]) => re.test(c))?.[0];
}

/** 'room', 'remote' or '' from what a list writes (on-site, remote, in person, online, yes/no under "On-site"...). */
export function placeOf(cell: string, header = ''): Place {
  const v = cell.trim().toLowerCase();
  if (!v) return '';
  const h = header.toLowerCase();
  if (/^(yes|y|true|1|x|✓|oui|ja)$/.test(v)) return /remote|online|virtual/.test(h) ? 'remote' : /on-?\s?site|in[- ]person|physical/.test(h) ? 'room' : '';
  if (/^(no|n|false|0|non|nein)$/.test(v)) return /remote|online|virtual/.test(h) ? 'room' : /on-?\s?site|in[- ]person|physical/.test(h) ? 'remote' : '';
  if (/remote|online|virtual|e-?meeting|electronic|web|zoom|teams|webex/.test(v)) return 'remote';
  if (/on-?\s?site|in[- ]person|physical|room|local|venue|present|face/.test(v)) return 'room';
  return '';
}

/** What two rows compare by: lower case, accents and repeated spaces taken off. */
export function personKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** An e-mail address as compared ('' when it is not one). */
export function emailKey(s: string): string {
  const e = s.trim().replace(/^mailto:/i, '').toLowerCase();
  return /^[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+$/.test(e) ? e : '';
}

/** Reads a registration list; ImportError when it cannot be read or has no name column. */
export async function parseRegistrationList(data: Uint8Array, opts: { fileName?: string; contentType?: string } = {}): Promise<RegistrationList> {
  const kind = detect(data, opts);
  let table: { at: number; cells: string[] }[];
  if (kind === 'json') return fromJson(data);
  if (kind === 'xlsx') table = await xlsxTable(data);
  else table = csvTable(data);
  return fromTable(table, kind);
}

function detect(data: Uint8Array, opts: { fileName?: string; contentType?: string }): RegistrationList['format'] {
  if (data[0] === 0x50 && data[1] === 0x4b) return 'xlsx';
  const ext = /\.([a-z0-9]+)$/i.exec(opts.fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'xlsx' || /spreadsheetml/.test(opts.contentType ?? '')) return 'xlsx';
  let i = 0;
  while (i < data.length && i < 64 && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09 || data[i] === 0xef || data[i] === 0xbb || data[i] === 0xbf)) i++;
  if (data[i] === 0x5b || data[i] === 0x7b || ext === 'json' || /json/.test(opts.contentType ?? '')) return 'json';
  return 'csv';
}

function csvTable(data: Uint8Array): { at: number; cells: string[] }[] {
  const text = decodeText(data);
  if (text.includes('\u0000')) throw new ImportError('not a CSV file (it holds binary data)');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  try {
    const parsed = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true, info: true }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return parsed.map((p, i) => ({ at: i === 0 ? 1 : parsed[i - 1].info.lines + 1, cells: p.record.map((c) => restoreFormula(c)) }));
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new ImportError(`not a readable CSV file (${(e as Error).message.split('\n')[0].slice(0, 120)})`, line ? { line } : {});
  }
}

async function xlsxTable(data: Uint8Array): Promise<{ at: number; cells: string[] }[]> {
  await assertZip(data, 'Excel (.xlsx)');
  let wb;
  try {
    wb = await loadWorkbookForText(data, '');
  } catch (e) {
    throw libraryError('Excel (.xlsx)', e);
  }
  if (wb.worksheets.length === 0) throw new ImportError('not an Excel workbook (the file has no sheets)');
  let first: { at: number; cells: string[] }[] | undefined;
  for (const ws of wb.worksheets) {
    const rows: { at: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = excelCellText(cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      rows.push({ at: n, cells });
    });
    first ??= rows;
    if (findHeader(rows)) return rows;
  }
  return first ?? [];
}

/** The header row (within the first 10 rows) and its columns, or undefined. */
function findHeader(rows: { at: number; cells: string[] }[]): { index: number; cols: Map<Column, number> } | undefined {
  for (let i = 0; i < Math.min(rows.length, 10); i++) {
    const cols = new Map<Column, number>();
    rows[i].cells.forEach((cell, j) => {
      const c = headerColumn(cell);
      if (c && !cols.has(c)) cols.set(c, j);
    });
    if (cols.has('name') || (cols.has('first') && cols.has('last'))) return { index: i, cols };
  }
  return undefined;
}

function fromTable(rows: { at: number; cells: string[] }[], format: RegistrationList['format']): RegistrationList {
  const found = findHeader(rows);
  if (!found) {
    const firstRows = rows.filter((r) => r.cells.some((c) => c.trim())).slice(0, 2);
    const seen = firstRows.map((r) => r.cells.map((c) => c.trim()).filter(Boolean).slice(0, 12).map((c) => JSON.stringify(c.slice(0, 40))).join(', '));
    throw new ImportError(
      `no column of names found: the list needs a header row with "Name" (or "First name" and "Last name"), and "Organisation" and "E-mail" where known; ${seen.length ? `its first rows hold ${seen.join(' / ')}` : 'it is empty'}`,
    );
  }
  const { index, cols } = found;
  const header = rows[index].cells;
  if (!cols.has('email')) {
    // A column of addresses under another header ("Contact", "Login") is the e-mail column.
    const body = rows.slice(index + 1, index + 51);
    for (let j = 0; j < header.length; j++) {
      if ([...cols.values()].includes(j)) continue;
      const filled = body.map((r) => (r.cells[j] ?? '').trim()).filter(Boolean);
      if (filled.length && filled.filter((v) => emailKey(v)).length >= Math.max(1, filled.length * 0.8)) {
        cols.set('email', j);
        break;
      }
    }
  }
  const columns: RegistrationList['columns'] = {};
  for (const [k, j] of cols) columns[k] = header[j] ?? '';
  const cell = (r: string[], k: Column) => (cols.has(k) ? (r[cols.get(k)!] ?? '') : '');
  const out = collect(format, columns);
  for (const r of rows.slice(index + 1)) {
    if (!r.cells.some((c) => c.trim())) continue;
    const name = cols.has('name') ? cell(r.cells, 'name') : [cell(r.cells, 'first'), cell(r.cells, 'last')].filter((s) => s.trim()).join(' ');
    // A header repeated further down (a list pasted twice) is not a person.
    if (cols.has('name') && headerColumn(name) === 'name') continue;
    out.add({ name, organisation: cell(r.cells, 'organisation'), email: cell(r.cells, 'email'), place: placeOf(cell(r.cells, 'place'), columns.place ?? ''), at: r.at });
  }
  return out.list;
}

function fromJson(data: Uint8Array): RegistrationList {
  let v: unknown;
  try {
    v = JSON.parse(decodeText(data));
  } catch (e) {
    throw new ImportError(`not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  const items = Array.isArray(v) ? v : v && typeof v === 'object' && Array.isArray((v as { people?: unknown }).people) ? (v as { people: unknown[] }).people : null;
  if (!items) throw new ImportError('expected a JSON array of people: [{"name", "organisation", "email"}]');
  const out = collect('json', { name: 'name', organisation: 'organisation', email: 'email', place: 'where' });
  let named = 0;
  items.forEach((x, i) => {
    if (!x || typeof x !== 'object' || Array.isArray(x)) {
      out.list.skipped.push({ at: i + 1, why: 'not an object' });
      return;
    }
    const o = x as Record<string, unknown>;
    const s = (...keys: string[]) => {
      for (const k of keys) if (typeof o[k] === 'string') return o[k] as string;
      return '';
    };
    const name = s('name') || [s('firstName', 'first_name', 'first'), s('lastName', 'last_name', 'last')].filter(Boolean).join(' ');
    if (name.trim()) named++;
    out.add({ name, organisation: s('organisation', 'organization', 'company', 'member', 'affiliation'), email: s('email', 'e-mail', 'mail'), place: placeOf(s('where', 'place', 'attendance', 'onsite')), at: i + 1 });
  });
  if (items.length && !named) {
    const keys = [...new Set(items.flatMap((x) => (x && typeof x === 'object' ? Object.keys(x) : [])))].slice(0, 12);
    throw new ImportError(`no names found: each entry needs "name" (or "firstName" and "lastName"); the entries have ${keys.length ? keys.map((k) => JSON.stringify(k)).join(', ') : 'no fields'}`);
  }
  return out.list;
}

/** Adds rows with their checks: names required, bounds, duplicates reported (the first one kept). */
function collect(format: RegistrationList['format'], columns: RegistrationList['columns']) {
  const list: RegistrationList = { rows: [], duplicates: [], skipped: [], columns, format };
  const byEmail = new Map<string, number>();
  const byName = new Map<string, number>();
  const clean = (s: string, max: number) => s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
  return {
    list,
    add(r: RegistrationRow) {
      const name = clean(r.name, REGISTRATION_LIMITS.maxName);
      if (!name) {
        if (r.organisation.trim() || r.email.trim()) list.skipped.push({ at: r.at, why: 'no name' });
        return;
      }
      if (list.rows.length >= REGISTRATION_LIMITS.maxPeople) throw new ImportError(`the list has more than ${REGISTRATION_LIMITS.maxPeople} people`);
      const organisation = clean(r.organisation, REGISTRATION_LIMITS.maxOrganisation);
      const rawEmail = clean(r.email, REGISTRATION_LIMITS.maxEmail);
      const ek = emailKey(rawEmail);
      if (rawEmail && !ek) list.skipped.push({ at: r.at, why: `"${rawEmail.slice(0, 60)}" is not an e-mail address (kept without one)` });
      const row = { name, organisation, email: ek ? rawEmail : '', place: r.place, at: r.at };
      const nk = `${personKey(name)}\u0000${personKey(organisation)}`;
      const dupOf = (ek ? byEmail.get(ek) : undefined) ?? (ek ? undefined : byName.get(nk));
      if (dupOf !== undefined) {
        list.duplicates.push({ at: r.at, name, organisation, email: row.email, sameAs: dupOf, by: ek ? 'email' : 'name and organisation' });
        return;
      }
      if (ek) byEmail.set(ek, r.at);
      if (!byName.has(nk)) byName.set(nk, r.at);
      list.rows.push(row);
    },
  };
}
