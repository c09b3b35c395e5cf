import { describe, expect, it } from 'vitest';
import { parseMeeting, formatIssues, type ValidationIssue } from '../../shared/document/validateMeeting.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { emptyMeeting } from './meetingTestDoc.js';
import { seededRandom, type SeededRandom } from '../helpers/seededRandom.js';

/** A valid meeting with a bit of everything. */
function sample(): MeetingJson {
  const row = (i: number) => ({
    id: `c${i}`,
    number: `SEC-2016-${String(100 + i).padStart(4, '0')}`,
    aliases: [],
    title: `Row ${i}`,
    source: 'ETSI',
    agendaItemId: 'a2',
    rank: `V${String.fromCharCode(97 + i)}`,
    status: 'available',
    notes: '',
    revisionOf: null,
    history: [],
  });
  return emptyMeeting({
    agenda: [
      { id: 'a1', parentId: null, rank: 'G', label: '1', title: 'Opening', notes: '' },
      { id: 'a2', parentId: 'a1', rank: 'V', label: '1.1', title: 'Docs', notes: '' },
    ],
    contributions: Array.from({ length: 14 }, (_, i) => row(i)),
    sessions: [{ id: 's1', date: '2016-05-16', start: '09:00', end: '10:30', room: '', code: 'S1', title: '', agendaNote: '', agendaItemIds: ['a1'] }],
    actions: [{ id: 'x1', ref: 'A1', what: 'Review', who: 'All', status: 'open', notes: '' }],
    deliverables: [{ id: 'd1', name: 'TS-0003', version: '2.4.0', reference: '', note: '', rank: 'V' }],
    objectives: [{ id: 'o1', text: 'Agree', rank: 'V' }],
  });
}

/** The errors of a meeting changed by `edit`, as `path: message` lines. */
function errorsOf(edit: (m: MeetingJson & Record<string, unknown>) => void): string[] {
  const m = JSON.parse(JSON.stringify(sample()));
  edit(m);
  const res = parseMeeting(m);
  return res.ok ? [] : res.errors.map((e: ValidationIssue) => formatIssues([e]));
}

describe('parseMeeting (strict import)', () => {
  it('accepts a valid meeting, and its document reads back the same', () => {
    const res = parseMeeting(sample());
    expect(res.ok).toBe(true);
    if (res.ok) expect(readMeeting(createMeetingDoc(res.value))).toEqual(res.value);
  });

  it('keeps the optional extension fields through a document and back', () => {
    const m = sample();
    m.meta.body = '3GPP';
    Object.assign(m.agenda[0], { specs: 'TS 23.501', rapporteur: 'Ericsson', duration: '10 min', presenters: 'Chair', documents: ['S2-2001234'] });
    Object.assign(m.contributions[0], { status: 'merged', mergedInto: 'c1', type: 'CR', for: 'Approval', abstract: 'Fixes', secretaryRemarks: 'late' });
    m.actions[0].rank = 'V';
    const res = parseMeeting(m);
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.value).toEqual(m);
      expect(readMeeting(createMeetingDoc(res.value))).toEqual(m);
    }
  });

  it('names the path of an unknown status', () => {
    expect(errorsOf((m) => (m.contributions[12].status = 'agred'))).toEqual(['contributions[12].status: unknown status "agred"']);
    expect(errorsOf((m) => (m.contributions[3].history = [{ status: 'agred', at: '', by: '' }]))).toEqual([
      'contributions[3].history[0].status: unknown status "agred"',
    ]);
  });

  it('names missing fields and wrong types', () => {
    expect(
      errorsOf((m) => {
        delete (m.contributions[0] as Partial<MeetingJson['contributions'][0]>).number;
        (m.agenda[1] as unknown as Record<string, unknown>).title = 5;
        (m.sessions[0] as unknown as Record<string, unknown>).agendaItemIds = 'a1';
        (m.contributions[2] as unknown as Record<string, unknown>).history = [{ status: 'noted' }];
        (m.meta as unknown as Record<string, unknown>).chair = null;
      }),
    ).toEqual([
      'meta.chair: expected a string, got null',
      'agenda[1].title: expected a string, got 5',
      'contributions[0].number: missing',
      'contributions[2].history[0]: expected {status, at, by} strings',
      'sessions[0].agendaItemIds: expected an array of strings',
    ]);
  });

  it('refuses duplicate ids, empty ids and duplicate statuses', () => {
    expect(errorsOf((m) => (m.contributions[5].id = 'c1'))).toEqual(['contributions[5].id: duplicate id "c1"']);
    expect(errorsOf((m) => (m.objectives[0].id = ''))).toEqual(['objectives[0].id: must not be empty']);
    expect(errorsOf((m) => m.statuses.push({ id: 'agreed', label: 'Again', final: true }))).toEqual([
      `statuses[${sample().statuses.length}].id: duplicate status "agreed"`,
    ]);
    expect(errorsOf((m) => (m.statuses[0].id = 'Not Treated'))).toEqual(['statuses[0].id: expected a lowercase id with - for spaces, got "Not Treated"']);
  });

  it('refuses dangling references and cycles in the agenda', () => {
    expect(errorsOf((m) => (m.agenda[0].parentId = 'a2'))).toEqual(['agenda[0].parentId: "a2" makes a cycle in the agenda tree']);
    expect(errorsOf((m) => (m.agenda[1].parentId = 'a2'))).toEqual(['agenda[1].parentId: "a2" makes a cycle in the agenda tree']);
    expect(errorsOf((m) => (m.agenda[1].parentId = 'zz'))).toEqual(['agenda[1].parentId: no agenda item "zz"']);
    expect(
      errorsOf((m) => {
        m.contributions[1].agendaItemId = 'zz';
        m.contributions[2].revisionOf = 'c99';
        m.contributions[3].mergedInto = 'c98';
        m.sessions[0].agendaItemIds = ['a1', 'zz'];
        m.live = { agendaItemId: 'zz', contributionId: 'c97', sessionId: 's9', banner: '' };
      }),
    ).toEqual([
      'contributions[1].agendaItemId: no agenda item "zz"',
      'contributions[2].revisionOf: no contribution "c99"',
      'contributions[3].mergedInto: no contribution "c98"',
      'sessions[0].agendaItemIds[1]: no agenda item "zz"',
      'live.agendaItemId: no agenda item "zz"',
      'live.contributionId: no contribution "c97"',
      'live.sessionId: no session "s9"',
    ]);
  });

  it('refuses bad dates, times, ranks, purposes and action statuses', () => {
    expect(
      errorsOf((m) => {
        m.meta.startDate = '16/05/2016';
        m.sessions[0].date = '2016-13-01';
        m.sessions[0].start = '9:00';
        m.sessions[0].end = '24:00';
      }),
    ).toEqual([
      'meta.startDate: expected YYYY-MM-DD, got "16/05/2016"',
      'sessions[0].date: expected YYYY-MM-DD, got "2016-13-01"',
      'sessions[0].start: expected HH:MM, got "9:00"',
      'sessions[0].end: expected HH:MM, got "24:00"',
    ]);
    expect(errorsOf((m) => (m.agenda[0].rank = 'a0'))).toEqual(['agenda[0].rank: not a valid rank: "a0"']);
    expect(errorsOf((m) => (m.deliverables[0].rank = ''))).toEqual(['deliverables[0].rank: not a valid rank: ""']);
    expect(errorsOf((m) => (m.meta.purpose = 'fun' as never))).toEqual(['meta.purpose: expected one of decision, discussion, information, other, got "fun"']);
    expect(errorsOf((m) => (m.actions[0].status = 'done' as never))).toEqual(['actions[0].status: expected one of open, closed, got "done"']);
  });

  it('refuses the wrong envelope, non-objects and text that is not JSON', () => {
    expect(errorsOf((m) => (m.format = 'other' as never))).toEqual(['format: expected "plenary-meeting", got "other"']);
    expect(errorsOf((m) => (m.version = 2 as never))).toEqual(['version: expected 1, got 2']);
    expect(errorsOf((m) => (m.agenda = {} as never))).toEqual(['agenda: expected an array']);
    expect(errorsOf((m) => (m.contributions[4] = 'row' as never))).toEqual(['contributions[4]: expected an object']);
    const notJson = parseMeeting('{"format": ');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.errors[0].message).toMatch(/^not JSON/);
    expect(parseMeeting([]).ok).toBe(false);
  });

  it('warns about unknown fields and drops them', () => {
    const m = JSON.parse(JSON.stringify(sample()));
    m.contributions[0].colour = 'red';
    m.meta.organiser = 'x';
    const res = parseMeeting(m);
    expect(res.ok).toBe(true);
    expect(res.warnings.map((w) => formatIssues([w]))).toEqual(['meta.organiser: unknown field, ignored', 'contributions[0].colour: unknown field, ignored']);
    if (res.ok) expect(res.value.contributions[0]).not.toHaveProperty('colour');
  });

  it('an empty vocabulary becomes the default one, with a warning, so the round trip is exact', () => {
    const m = sample();
    m.contributions[0].status = 'agreed';
    m.statuses = [];
    const res = parseMeeting(m);
    expect(res.ok).toBe(true);
    expect(res.warnings).toEqual([{ path: 'statuses', message: 'empty, the 3GPP preset is used' }]);
    if (res.ok) {
      expect(res.value.statuses.map((x) => x.id)).toContain('agreed');
      expect(readMeeting(createMeetingDoc(res.value))).toEqual(res.value);
    }
  });

  it('takes the text of the JSON as well as a parsed value; live may be left out', () => {
    const m = sample() as Partial<MeetingJson>;
    delete m.live;
    const res = parseMeeting(JSON.stringify(m));
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.value.live).toEqual({ agendaItemId: null, contributionId: null, sessionId: null, banner: '' });
  });
});

/** Replaces one random node of a JSON value (object field, array element) by a random value. */
function mutate(rng: SeededRandom, value: unknown): unknown {
  const junk = (): unknown =>
    rng.pick<unknown>([null, 0, -1, 1.5, true, '', 'x', 'a0', '9:00', '2016-13-01', 'agreed', 'a1', 'c1', [], {}, ['a1'], { id: 'x' }, { status: 'noted', at: '', by: '' }]);
  if (Array.isArray(value)) {
    if (value.length === 0 || rng.chance(0.15)) return rng.chance(0.5) ? junk() : [...value, junk()];
    const i = rng.int(0, value.length - 1);
    const out = [...value];
    if (rng.chance(0.1)) out.splice(i, 1);
    else out[i] = mutate(rng, out[i]);
    return out;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || rng.chance(0.1)) return junk();
    const k = rng.pick(keys);
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    if (rng.chance(0.1)) delete out[k];
    else out[k] = mutate(rng, out[k]);
    return out;
  }
  return junk();
}

describe('parseMeeting on randomly broken meetings', () => {
  it('never throws; what it accepts makes a document that reads back exactly', () => {
    let accepted = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = seededRandom(seed);
      let m: unknown = JSON.parse(JSON.stringify(sample()));
      for (let n = rng.int(1, 3); n > 0; n--) m = mutate(rng, m);
      let res: ReturnType<typeof parseMeeting>;
      try {
        res = parseMeeting(m);
      } catch (e) {
        throw new Error(`seed ${seed}: parseMeeting threw ${(e as Error).stack}`);
      }
      if (!res.ok) {
        for (const e of res.errors) expect(e.message, `seed ${seed}`).not.toBe('');
        continue;
      }
      accepted++;
      expect(readMeeting(createMeetingDoc(res.value)), `seed ${seed}`).toEqual(res.value);
    }
    expect(accepted).toBeGreaterThan(10);
  });
});
