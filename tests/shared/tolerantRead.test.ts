/**
 * Reading a document is tolerant: whatever a newer or broken peer wrote, readMeeting skips or defaults it,
 * never throws, and its output always passes the strict parseMeeting.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { table } from '../../shared/document/entityStore.js';
import { FIELDS, ENTITY_KINDS, LIVE_FIELDS, META_FIELDS, ROOT, SCHEMA_VERSION } from '../../shared/document/meetingSchema.js';
import { parseMeeting, formatIssues } from '../../shared/document/validateMeeting.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { addAgendaItem, moveAgendaItem } from '../../shared/document/agendaOps.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';
import { emptyMeetingDoc, replicaOf } from './meetingTestDoc.js';

/** A Y.Map entry with the given raw values, as a broken peer would write it. */
function rawEntry(doc: Y.Doc, kind: (typeof ENTITY_KINDS)[number], id: string, values: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    table(doc, kind).set(id, m as never);
    for (const [k, v] of Object.entries(values)) m.set(k, v);
  });
  return m;
}

function expectValid(doc: Y.Doc) {
  const m = readMeeting(doc);
  const res = parseMeeting(JSON.parse(JSON.stringify(m)));
  expect(res.ok, res.ok ? '' : formatIssues(res.errors)).toBe(true);
  return m;
}

describe('tolerant reading', () => {
  it('an empty document reads as an empty, valid meeting with the default vocabulary', () => {
    const m = expectValid(new Y.Doc());
    expect(m).toMatchObject({ agenda: [], contributions: [], sessions: [], meta: { title: '', purpose: 'other', timezone: 'UTC' } });
    expect(m.statuses.map((x) => x.id)).toContain('available');
  });

  it('skips entries that are not maps', () => {
    const doc = emptyMeetingDoc();
    addAgendaItem(doc, { id: 'ok', label: '1' });
    doc.transact(() => {
      table(doc, 'agenda').set('str', 'not an entry' as never);
      table(doc, 'agenda').set('num', 42 as never);
      table(doc, 'contributions').set('arr', new Y.Array() as never);
      table(doc, 'sessions').set('nul', null as never);
    });
    const m = expectValid(doc);
    expect(m.agenda.map((a) => a.id)).toEqual(['ok']);
    expect(m.contributions).toEqual([]);
    expect(m.sessions).toEqual([]);
  });

  it('defaults missing fields and fields of the wrong type', () => {
    const doc = emptyMeetingDoc();
    rawEntry(doc, 'agenda', 'bare', {});
    rawEntry(doc, 'agenda', 'typed', { label: 5, title: true, notes: 'plain string', parentId: 7, rank: 12, documents: 'TS 1' });
    rawEntry(doc, 'contributions', 'row', {
      number: 94,
      aliases: 'a,b',
      status: 'Agreed',
      agendaItemId: ['x'],
      revisionOf: 'row',
      rank: 'a0',
      history: [{ status: 'Noted', at: 1, by: null }, 'junk', { at: 'x' }, { status: '' }],
      mergedInto: 'nowhere',
      extra: 'from a newer client',
    });
    rawEntry(doc, 'contributions', 'bare', {});
    rawEntry(doc, 'actions', 'act', { status: 'done', what: ['x'] });
    rawEntry(doc, 'sessions', 'ses', { date: 'Monday', start: '9:00', end: 25, agendaItemIds: ['typed', 'typed', 'gone', 3] });
    rawEntry(doc, 'deliverables', 'del', { rank: '' });
    rawEntry(doc, 'objectives', 'obj', { text: new Y.Text('typed') });
    const m = expectValid(doc);
    expect(m.agenda.find((a) => a.id === 'bare')).toMatchObject({ parentId: null, rank: 'V', label: '', title: '', notes: '' });
    expect(m.agenda.find((a) => a.id === 'typed')).toMatchObject({ label: '5', title: 'true', notes: 'plain string', parentId: null, rank: '12', documents: [] });
    const row = m.contributions.find((c) => c.id === 'row')!;
    expect(row).toMatchObject({ number: '94', aliases: [], status: 'agreed', agendaItemId: '', revisionOf: null, rank: 'a', mergedInto: null });
    expect(row.history).toEqual([{ status: 'noted', at: '1', by: '' }]);
    expect(row).not.toHaveProperty('extra');
    expect(m.contributions.find((c) => c.id === 'bare')).toMatchObject({ number: '', status: 'available', history: [], revisionOf: null });
    expect(m.actions[0]).toMatchObject({ status: 'open', what: '' });
    expect(m.sessions[0]).toMatchObject({ date: '', start: '09:00', end: '', agendaItemIds: ['typed'] });
    expect(m.deliverables[0].rank).toBe('V');
    expect(m.objectives[0].text).toBe('typed');
  });

  it('keeps a status the vocabulary does not know by adding it to the list read', () => {
    const doc = emptyMeetingDoc();
    rawEntry(doc, 'contributions', 'c1', { number: 'X-1', status: 'reply-open', history: [{ status: 'for-e-mail-approval', at: '', by: '' }] });
    const m = expectValid(doc);
    expect(m.contributions[0].status).toBe('reply-open');
    expect(m.statuses.slice(-2)).toEqual([
      { id: 'for-e-mail-approval', label: 'for-e-mail-approval', final: false },
      { id: 'reply-open', label: 'reply-open', final: false },
    ]);
  });

  it('reads a broken vocabulary, meta and live', () => {
    const doc = emptyMeetingDoc();
    doc.transact(() => {
      const st = doc.getArray<unknown>(ROOT.statuses);
      st.delete(0, st.length);
      st.push([null, 'agreed', { id: 5 }, { id: 'Agreed', label: 3 }, { id: 'agreed', label: 'Again' }, { id: 'noted', label: 'Noted', final: 'yes' }]);
      const meta = doc.getMap<unknown>(ROOT.meta);
      meta.set('schemaVersion', SCHEMA_VERSION + 5);
      meta.set('purpose', 'party');
      meta.set('startDate', 'Monday');
      meta.set('endDate', '2016-5-20');
      meta.set('title', 42);
      meta.set('body', ['3GPP']);
      const live = doc.getMap<unknown>(ROOT.live);
      live.set('agendaItemId', 'gone');
      live.set('contributionId', 17);
      live.set('banner', { text: 'x' });
    });
    const m = expectValid(doc);
    expect(m.statuses).toEqual([
      { id: 'agreed', label: 'agreed', final: false },
      { id: 'noted', label: 'Noted', final: false },
    ]);
    expect(m.meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, purpose: 'other', startDate: '', endDate: '2016-05-20', title: '' });
    expect(m.meta).not.toHaveProperty('body');
    expect(m.live).toEqual({ agendaItemId: null, contributionId: null, sessionId: null, banner: '' });
  });

  it('skips an entry stored under an empty id', () => {
    const doc = emptyMeetingDoc();
    rawEntry(doc, 'agenda', '', { label: 'nameless' });
    expect(expectValid(doc).agenda).toEqual([]);
  });

  it('mutations still work on entries a broken peer wrote', () => {
    const doc = emptyMeetingDoc();
    rawEntry(doc, 'contributions', 'c1', { number: 'X-1', history: 'not an array' });
    setContributionStatus(doc, 'c1', 'agreed', { by: 'Chair', at: '2016-05-16T10:00:00Z' });
    expect(expectValid(doc).contributions[0]).toMatchObject({ status: 'agreed', history: [{ status: 'agreed', at: '2016-05-16T10:00:00Z', by: 'Chair' }] });
    rawEntry(doc, 'agenda', 'odd', { rank: '' });
    addAgendaItem(doc, { id: 'next', label: '2' }, 'odd');
    moveAgendaItem(doc, 'odd', 'next');
    expect(expectValid(doc).agenda.map((a) => [a.id, a.parentId])).toEqual([['next', null], ['odd', 'next']]);
  });
});

/** A random value of any type a buggy client might write. */
function junk(rng: SeededRandom, depth = 0): unknown {
  switch (rng.int(0, depth > 1 ? 6 : 10)) {
    case 0: return rng.word();
    case 1: return rng.pick(['', 'V', 'a0', 'agreed', 'Agreed', 'reply-open', '2016-05-16', '9:00', '25:99', 'null', 'A', 'c1']);
    case 2: return rng.int(-5, 1e6);
    case 3: return rng.chance(0.5);
    case 4: return null;
    case 5: return rng.next();
    case 6: return undefined;
    case 7: return Array.from({ length: rng.int(0, 3) }, () => junk(rng, depth + 1));
    case 8: return { status: junk(rng, depth + 1), at: junk(rng, depth + 1), by: junk(rng, depth + 1), id: junk(rng, depth + 1) };
    case 9: return new Y.Text(rng.word());
    default: {
      const arr = new Y.Array<unknown>();
      arr.push(Array.from({ length: rng.int(0, 3) }, () => junk(rng, depth + 1) ?? 'x'));
      return arr;
    }
  }
}

describe('a broken peer writing random values', () => {
  it('never makes readMeeting throw or produce JSON that parseMeeting refuses', () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rng = seededRandom(seed);
      const doc = emptyMeetingDoc();
      const ids = ['a1', 'a2', 'c1', 'c2', 's1', ''];
      for (let n = 0; n < 40; n++) {
        doc.transact(() => {
          const r = rng.next();
          if (r < 0.7) {
            const kind = rng.pick(ENTITY_KINDS);
            const id = rng.pick(ids);
            let entry = table(doc, kind).get(id);
            if (!(entry instanceof Y.Map) || rng.chance(0.1)) {
              entry = rng.chance(0.9) ? new Y.Map() : (junk(rng) as never);
              if (entry !== undefined) table(doc, kind).set(id, entry as never);
            }
            if (entry instanceof Y.Map) {
              const field = rng.chance(0.9) ? rng.pick(FIELDS[kind]).name : rng.word();
              const value = rng.chance(0.5) ? rng.pick(ids) : junk(rng);
              if (value !== undefined) entry.set(field, value);
            }
          } else if (r < 0.8) {
            const value = junk(rng);
            if (value !== undefined) doc.getMap<unknown>(ROOT.meta).set(rng.pick(META_FIELDS), value);
          } else if (r < 0.9) {
            const value = rng.chance(0.5) ? rng.pick(ids) : junk(rng);
            if (value !== undefined) doc.getMap<unknown>(ROOT.live).set(rng.pick(LIVE_FIELDS), value);
          } else {
            const value = junk(rng);
            doc.getArray<unknown>(ROOT.statuses).push([value ?? null]);
          }
        });
      }
      let m;
      try {
        m = readMeeting(doc);
      } catch (e) {
        throw new Error(`seed ${seed}: readMeeting threw ${(e as Error).stack}`);
      }
      const res = parseMeeting(JSON.parse(JSON.stringify(m)));
      expect(res.ok, `seed ${seed}: ${res.ok ? '' : formatIssues(res.errors)}`).toBe(true);
    }
  });
});

describe('reading while updates are in flight (regressions found by the convergence fuzz)', () => {
  it('an overwrite whose delete arrived before its insert reads as a valid rank', () => {
    const base = emptyMeetingDoc();
    addAgendaItem(base, { id: 'a', label: '1' });
    addAgendaItem(base, { id: 'b', label: '2' });
    const p = replicaOf(base);
    const q = replicaOf(base);
    const sv = Y.encodeStateVector(p);
    addAgendaItem(p, { id: 'c', label: '3' });
    const first = Y.encodeStateAsUpdate(p, sv);
    const sv2 = Y.encodeStateVector(p);
    moveAgendaItem(p, 'a', null, 'b');
    const second = Y.encodeStateAsUpdate(p, sv2);
    // q gets the move before the add it depends on: its delete of the old rank applies, its insert waits.
    Y.applyUpdate(q, second);
    const whileWaiting = expectValid(q);
    expect(whileWaiting.agenda.map((x) => x.id).sort()).toEqual(['a', 'b']);
    Y.applyUpdate(q, first);
    expect(readMeeting(q)).toEqual(readMeeting(p));
  });

  it('unknown statuses are listed in the same order whatever order the rows arrived in', () => {
    const base = emptyMeetingDoc();
    const x = replicaOf(base);
    const y = replicaOf(base);
    rawEntry(x, 'contributions', 'c1', { number: 'X-1', status: 'zeta-word' });
    rawEntry(y, 'contributions', 'c2', { number: 'X-2', status: 'alpha-word' });
    const fromX = Y.encodeStateAsUpdate(x, Y.encodeStateVector(base));
    const fromY = Y.encodeStateAsUpdate(y, Y.encodeStateVector(base));
    const a = replicaOf(base);
    const b = replicaOf(base);
    Y.applyUpdate(a, fromX);
    Y.applyUpdate(a, fromY);
    Y.applyUpdate(b, fromY);
    Y.applyUpdate(b, fromX);
    expect(readMeeting(a).statuses).toEqual(readMeeting(b).statuses);
    expect(readMeeting(a).statuses.slice(-2).map((s) => s.id)).toEqual(['alpha-word', 'zeta-word']);
  });
});
