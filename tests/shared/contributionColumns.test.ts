/**
 * A contribution's `columns` (cells of Tdoc list columns no other field takes): one plain value in the
 * document, omitted when empty, read tolerantly, checked strictly with paths.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { entryMap, readStringRecord, table } from '../../shared/document/entityStore.js';
import { updateEntity } from '../../shared/document/entityOps.js';
import { COLUMNS_LIMITS, FIELDS, type Contribution, type MeetingJson } from '../../shared/document/meetingSchema.js';
import { formatIssues, parseMeeting } from '../../shared/document/validateMeeting.js';
import { emptyMeeting } from './meetingTestDoc.js';

function contribution(id: string, extra: Partial<Contribution> = {}): Contribution {
  return {
    id,
    number: `R1-25000${id.slice(1)}`,
    aliases: [],
    title: 'A CR',
    source: 'ACME',
    agendaItemId: '',
    rank: 'V',
    status: 'available',
    notes: '',
    revisionOf: null,
    history: [],
    ...extra,
  };
}

function meeting(...contributions: Contribution[]): MeetingJson {
  return emptyMeeting({ contributions });
}

/** Error lines of a meeting whose first contribution has these raw columns. */
function errorsFor(columns: unknown): string[] {
  const m = JSON.parse(JSON.stringify(meeting(contribution('c1')))) as Record<string, unknown> & { contributions: Record<string, unknown>[] };
  m.contributions[0].columns = columns;
  const res = parseMeeting(m);
  return res.ok ? [] : formatIssues(res.errors).split('\n');
}

describe('contribution columns in the schema', () => {
  it('come last among contribution fields, after the other optional extensions', () => {
    const names = FIELDS.contributions.map((f) => f.name);
    expect(names.at(-1)).toBe('columns');
    // carriedFrom (issue 17) sits between the other extensions and columns.
    expect(names.indexOf('carriedFrom')).toBe(names.length - 2);
    expect(names.indexOf('secretaryRemarks')).toBe(names.length - 3);
  });

  it('go through the document and back as one plain value, in readMeeting order, and are omitted when empty', () => {
    const columns = { Contact: 'Joern Krause', Release: 'Rel-19', 'Contact ID': '12578', 'Ünïcode ✓': 'x\ny' };
    const m = meeting(contribution('c1', { type: 'CR', columns }), contribution('c2', { columns: {} }), contribution('c3'));
    const doc = createMeetingDoc(m);
    expect(entryMap(doc, 'contributions', 'c1')!.get('columns')).toEqual(columns);
    expect(entryMap(doc, 'contributions', 'c2')!.has('columns')).toBe(false);
    const back = readMeeting(doc);
    const c1 = back.contributions.find((c) => c.id === 'c1')!;
    expect(c1.columns).toEqual(columns);
    expect(Object.keys(c1).at(-1)).toBe('columns');
    expect(back.contributions.filter((c) => 'columns' in c).map((c) => c.id)).toEqual(['c1']);
    // JSON with an empty object reads as the document does: no columns.
    const parsed = parseMeeting(m);
    expect(parsed.ok && parsed.value.contributions.map((c) => 'columns' in c)).toEqual([true, false, false]);
  });

  it('leave out names Yjs cannot store (constructor) or that would become the prototype (__proto__)', () => {
    const doc = createMeetingDoc(meeting(contribution('c1')));
    updateEntity(doc, 'contributions', 'c1', { columns: JSON.parse('{"constructor": "c", "__proto__": "p", "hasOwnProperty": "h"}') });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(Object.entries(readMeeting(copy).contributions[0].columns!)).toEqual([['hasOwnProperty', 'h']]);
  });

  it('are replaced as a whole, cleared by an empty value, and not rewritten when unchanged', () => {
    const doc = createMeetingDoc(meeting(contribution('c1', { columns: { Spec: '38.331', CR: '1234' } })));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    updateEntity(doc, 'contributions', 'c1', { columns: { Spec: '38.331', CR: '1234' } });
    expect(updates).toHaveLength(0);
    const next = { CR: '1235' };
    updateEntity(doc, 'contributions', 'c1', { columns: next });
    next.CR = 'changed afterwards';
    expect(readMeeting(doc).contributions[0].columns).toEqual({ CR: '1235' });
    updateEntity(doc, 'contributions', 'c1', { columns: {} });
    expect(readMeeting(doc).contributions[0]).not.toHaveProperty('columns');
  });

  it('two peers replacing them at once converge on one whole value (last writer wins)', () => {
    const a = createMeetingDoc(meeting(contribution('c1', { columns: { Spec: '38.331' } })));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateEntity(a, 'contributions', 'c1', { columns: { Spec: '38.300', CR: '1' } });
    updateEntity(b, 'contributions', 'c1', { columns: { Release: 'Rel-18', toString: 'through the Yjs encoding too' } });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
    const ca = readMeeting(a).contributions[0].columns;
    expect(ca).toEqual(readMeeting(b).contributions[0].columns);
    const either: Record<string, string>[] = [{ Spec: '38.300', CR: '1' }, { Release: 'Rel-18', toString: 'through the Yjs encoding too' }];
    expect(either).toContainEqual(ca);
  });

  it('read tolerantly: non-objects are absent, non-string values and over-limit entries dropped', () => {
    for (const junk of ['text', 5, null, ['a'], new Uint8Array([1]), true]) expect(readStringRecord(junk)).toBeUndefined();
    expect(readStringRecord({ a: 1, b: null, c: { d: 'e' } })).toBeUndefined();
    expect(readStringRecord({ a: 'x', b: 2, '': 'empty key', ['k'.repeat(COLUMNS_LIMITS.maxKeyLength + 1)]: 'long key', c: 'y'.repeat(COLUMNS_LIMITS.maxValueLength + 1) })).toEqual({ a: 'x' });
    const many = Object.fromEntries(Array.from({ length: COLUMNS_LIMITS.maxKeys + 5 }, (_, i) => [`k${i}`, 'v']));
    expect(Object.keys(readStringRecord(many)!)).toHaveLength(COLUMNS_LIMITS.maxKeys);
    const tricky = readStringRecord(JSON.parse('{"__proto__": "x", "constructor": "c", "toString": "t"}'))!;
    expect(Object.entries(tricky)).toEqual([['toString', 't']]);
    expect(Object.getPrototypeOf(tricky)).toBe(Object.prototype);

    const doc = createMeetingDoc(meeting(contribution('c1'), contribution('c2'), contribution('c3')));
    doc.transact(() => {
      entryMap(doc, 'contributions', 'c1')!.set('columns', 'a string');
      entryMap(doc, 'contributions', 'c2')!.set('columns', { Spec: '38.331', CR: 7, Bad: ['x'] });
      const asMap = new Y.Map<unknown>();
      entryMap(doc, 'contributions', 'c3')!.set('columns', asMap);
      asMap.set('Release', 'Rel-19');
    });
    const back = readMeeting(doc);
    const by = new Map(back.contributions.map((c) => [c.id, c]));
    expect(by.get('c1')).not.toHaveProperty('columns');
    expect(by.get('c2')!.columns).toEqual({ Spec: '38.331' });
    expect(by.get('c3')!.columns).toEqual({ Release: 'Rel-19' });
    const res = parseMeeting(JSON.parse(JSON.stringify(back)));
    expect(res.ok, res.ok ? '' : formatIssues(res.errors)).toBe(true);
    expect(table(doc, 'contributions').size).toBe(3);
  });
});

describe('contribution columns in the validator', () => {
  it('accepts an object of strings', () => {
    expect(errorsFor({ Contact: 'Jane', 'Contact ID': '1', Release: '' })).toEqual([]);
  });

  it('refuses a non-object with the field path', () => {
    expect(errorsFor('Rel-19')).toEqual(['contributions[0].columns: expected an object of column name to text, got "Rel-19"']);
    expect(errorsFor(['a'])).toEqual(['contributions[0].columns: expected an object of column name to text, got ["a"]']);
    expect(errorsFor(null)).toEqual(['contributions[0].columns: expected an object of column name to text, got null']);
  });

  it('names the column of a value that is not a string, quoting names that are not plain words', () => {
    expect(errorsFor({ Release: 19, 'Contact ID': null, Spec: '38.331' })).toEqual([
      'contributions[0].columns.Release: expected a string, got 19',
      'contributions[0].columns["Contact ID"]: expected a string, got null',
    ]);
  });

  it('refuses an empty name, over-long names and values, and too many columns', () => {
    const long = 'K'.repeat(COLUMNS_LIMITS.maxKeyLength + 1);
    expect(errorsFor({ '': 'x' })).toEqual(['contributions[0].columns[""]: a column name must not be empty']);
    expect(errorsFor({ [long]: 'x' })).toEqual([
      `contributions[0].columns["${'K'.repeat(57)}..."]: column name longer than ${COLUMNS_LIMITS.maxKeyLength} characters`,
    ]);
    expect(errorsFor({ Abstract2: 'v'.repeat(COLUMNS_LIMITS.maxValueLength + 1) })).toEqual([
      `contributions[0].columns.Abstract2: longer than ${COLUMNS_LIMITS.maxValueLength} characters (${COLUMNS_LIMITS.maxValueLength + 1})`,
    ]);
    expect(errorsFor({ ok: 'v'.repeat(COLUMNS_LIMITS.maxValueLength), ['k'.repeat(COLUMNS_LIMITS.maxKeyLength)]: 'x' })).toEqual([]);
    expect(errorsFor(JSON.parse('{"__proto__": "x", "constructor": "y", "toString": "kept"}'))).toEqual([
      'contributions[0].columns.__proto__: not a usable column name',
      'contributions[0].columns.constructor: not a usable column name',
    ]);
    const many = Object.fromEntries(Array.from({ length: COLUMNS_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(errorsFor(many)).toEqual([`contributions[0].columns: at most ${COLUMNS_LIMITS.maxKeys} columns, got ${COLUMNS_LIMITS.maxKeys + 1}`]);
  });
});
