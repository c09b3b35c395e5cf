import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { reviseContribution, setContributionStatus } from '../../shared/document/contributionOps.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import {
  POSITION_LIMITS,
  indexPositions,
  positionKey,
  positionsFor,
  readPositions,
  removePosition,
  statePosition,
  tallyText,
} from '../../shared/positions/positionLedger.js';
import { closeAtDeadline, decideRound, extendRound, openRound, readRounds, viewRounds } from '../../shared/positions/approvalRounds.js';
import { parseQuickEntry } from '../../shared/positions/quickEntry.js';
import { MeetingOpError } from '../../shared/document/entityOps.js';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();

function meeting() {
  const m = sampleMeeting(4);
  const doc = createMeetingDoc(m);
  const ids = m.contributions.map((c) => c.id);
  return { doc, ids, m };
}

function state(doc: Y.Doc, org: string, id: string, stance: string, s: number, comment = '') {
  return statePosition(doc, { contributionId: id, organisation: org, stance, comment, by: 'Secretary', at: iso(s), onBehalf: true });
}

describe('the ledger of positions', () => {
  it('keeps one position per organisation per Tdoc, the latest, whatever the spelling of the name', () => {
    const { doc, ids } = meeting();
    state(doc, 'Ericsson', ids[0], 'support', 1);
    state(doc, ' ERICSSON ', ids[0], 'object', 2, 'needs study');
    state(doc, 'Nokia', ids[0], 'concern', 3);
    const list = readPositions(doc);
    expect(list.map((p) => [p.organisation, p.stance, p.comment])).toEqual([
      ['ERICSSON', 'object', 'needs study'],
      ['Nokia', 'concern', ''],
    ]);
    expect(tallyText(list)).toBe('1 object · 1 concern');
    expect(removePosition(doc, ids[0], 'nokia')).toBe(true);
    expect(readPositions(doc)).toHaveLength(1);
  });

  it('refuses what is not a position, and writes nothing', () => {
    const { doc, ids } = meeting();
    const before = Y.encodeStateVector(doc);
    expect(() => state(doc, 'Ericsson', ids[0], 'maybe', 1)).toThrow(MeetingOpError);
    expect(() => state(doc, '  ', ids[0], 'support', 1)).toThrow(/organisation is missing/);
    expect(() => state(doc, 'X'.repeat(81), ids[0], 'support', 1)).toThrow(/longer/);
    expect(() => state(doc, 'Ericsson', 'nope', 'support', 1)).toThrow(/no contribution/);
    expect(() => state(doc, 'Ericsson', ids[0], 'support', 1, 'x'.repeat(501))).toThrow(/comment/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('reads tolerantly: junk, entries under a key not their own, and more than the limit are skipped', () => {
    const { doc, ids } = meeting();
    state(doc, 'Ericsson', ids[0], 'support', 1);
    const map = doc.getMap('positions');
    map.set('junk', 42);
    map.set('forged', { contributionId: ids[0], organisation: 'Nokia', stance: 'object', at: iso(2) });
    map.set(positionKey(ids[0], 'Apple'), { contributionId: ids[0], organisation: 'Apple', stance: 'shout', at: iso(2) });
    expect(readPositions(doc).map((p) => p.organisation)).toEqual(['Ericsson']);
    expect(POSITION_LIMITS.maxPositions).toBeGreaterThan(2000 * 20);
  });

  it('carries positions to a revision, marked as stated on the earlier Tdoc, until restated', () => {
    const { doc, ids } = meeting();
    state(doc, 'Ericsson', ids[0], 'object', 1, 'needs study');
    state(doc, 'Nokia', ids[0], 'support', 2);
    const r1 = reviseContribution(doc, ids[0], { by: 'x', at: iso(3) });
    const r2 = reviseContribution(doc, r1, { by: 'x', at: iso(4) });
    state(doc, 'Ericsson', r1, 'support', 5);
    const m = readMeeting(doc);
    const revOf = (id: string) => m.contributions.find((c) => c.id === id)?.revisionOf;
    const shown = positionsFor(r2, indexPositions(readPositions(doc)), revOf);
    expect(shown.map((p) => [p.organisation, p.stance, p.statedOn])).toEqual([
      ['Ericsson', 'support', r1],
      ['Nokia', 'support', ids[0]],
    ]);
    expect(positionsFor(ids[0], indexPositions(readPositions(doc)), revOf).every((p) => p.statedOn === undefined)).toBe(true);
  });
});

describe('the quick entry', () => {
  it('reads what a secretary types', () => {
    expect(parseQuickEntry('Ericsson objects: needs study')).toEqual({ ok: true, organisation: 'Ericsson', stance: 'object', comment: 'needs study' });
    expect(parseQuickEntry('Nokia supports')).toEqual({ ok: true, organisation: 'Nokia', stance: 'support', comment: '' });
    expect(parseQuickEntry('Huawei has concerns - needs more time')).toMatchObject({ organisation: 'Huawei', stance: 'concern', comment: 'needs more time' });
    expect(parseQuickEntry('China Mobile abstains')).toMatchObject({ organisation: 'China Mobile', stance: 'abstain' });
    expect(parseQuickEntry('Qualcomm: support, with the note')).toMatchObject({ organisation: 'Qualcomm', stance: 'support', comment: 'with the note' });
    expect(parseQuickEntry('Ericsson thinks so').ok).toBe(false);
    expect(parseQuickEntry('').ok).toBe(false);
  });
});

describe('e-mail approval rounds', () => {
  it('opens, moves to objection, continues on a revision, closes ready at the deadline and is approved', () => {
    const { doc, ids } = meeting();
    const id = openRound(doc, { tdocs: [ids[0]], deadline: iso(3600), by: 'Chair', nowMs: T0 });
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'open', ready: false, objections: [] });
    state(doc, 'Ericsson', ids[0], 'object', 10);
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'objection', objections: ['Ericsson'] });
    const rev = reviseContribution(doc, ids[0], { by: 'x', at: iso(20) });
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'revised', current: [rev] });
    expect(closeAtDeadline(doc, id, T0 + 1000)).toBe('not-due');
    expect(closeAtDeadline(doc, id, T0 + 3600_000)).toBe('ready');
    expect(closeAtDeadline(doc, id, T0 + 3700_000)).toBe('done-already');
    // Frozen at the deadline: a late objection changes nothing.
    state(doc, 'Nokia', rev, 'object', 4000);
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'revised', ready: true, objections: [] });
    decideRound(doc, id, 'approved', { by: 'Chair', at: iso(4100) });
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'approved', ready: false });
    const c = readMeeting(doc).contributions.find((x) => x.id === rev)!;
    expect(c.status).toBe('approved');
    expect(c.history.at(-1)).toEqual({ status: 'approved', at: iso(4100), by: 'Chair' });
    expect(() => decideRound(doc, id, 'to-call', { by: 'Chair', at: iso(4200) })).toThrow(/decided already/);
  });

  it('approves by itself at the deadline when asked, with the record saying so', () => {
    const { doc, ids } = meeting();
    const id = openRound(doc, { tdocs: [ids[1], ids[2]], deadline: iso(60), by: 'Chair', nowMs: T0, autoApprove: true });
    expect(closeAtDeadline(doc, id, T0 + 61_000)).toBe('approved');
    const m = readMeeting(doc);
    for (const t of [ids[1], ids[2]]) expect(m.contributions.find((c) => c.id === t)!.history.at(-1)).toMatchObject({ status: 'approved', at: iso(60), by: 'Server: e-mail approval deadline' });
    expect(m.approvals![0].decision).toEqual({ state: 'approved', at: iso(60), by: 'Server: e-mail approval deadline', auto: true });
  });

  it('stays objected at the deadline, and is withdrawn with its Tdoc', () => {
    const { doc, ids } = meeting();
    const a = openRound(doc, { tdocs: [ids[0]], deadline: iso(60), by: 'Chair', nowMs: T0, autoApprove: true });
    state(doc, 'Apple', ids[0], 'object', 5);
    expect(closeAtDeadline(doc, a, T0 + 60_000)).toBe('objection');
    expect(viewRounds(doc)[0]).toMatchObject({ state: 'objection', ready: false, objections: ['Apple'] });
    const b = openRound(doc, { tdocs: [ids[1]], deadline: iso(60), by: 'Chair', nowMs: T0 });
    setContributionStatus(doc, ids[1], 'withdrawn', { by: 'x', at: iso(2) });
    expect(viewRounds(doc).find((r) => r.id === b)!.state).toBe('withdrawn');
  });

  it('refuses a past deadline, an unknown or withdrawn Tdoc, a Tdoc already on approval, and writes nothing', () => {
    const { doc, ids } = meeting();
    setContributionStatus(doc, ids[3], 'withdrawn', { by: 'x', at: iso(1) });
    openRound(doc, { tdocs: [ids[0]], deadline: iso(60), by: 'Chair', nowMs: T0 });
    const before = Y.encodeStateVector(doc);
    const open = (tdocs: string[], deadline = iso(600)) => () => openRound(doc, { tdocs, deadline, by: 'Chair', nowMs: T0 });
    expect(open([ids[1]], iso(-1))).toThrow(/in the past/);
    expect(open([ids[1]], 'friday')).toThrow(/ISO time/);
    expect(open([ids[1], 'nope'])).toThrow(/no contribution/);
    expect(open([ids[1], ids[3]])).toThrow(/withdrawn/);
    expect(open([ids[0]])).toThrow(/already on e-mail approval/);
    expect(open([])).toThrow(/at least one/);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('runs again until a new deadline when extended', () => {
    const { doc, ids } = meeting();
    const id = openRound(doc, { tdocs: [ids[0]], deadline: iso(60), by: 'Chair', nowMs: T0 });
    closeAtDeadline(doc, id, T0 + 60_000);
    expect(() => extendRound(doc, id, iso(30), T0 + 61_000)).toThrow(/past/);
    extendRound(doc, id, iso(7200), T0 + 61_000);
    expect(readRounds(doc)[0]).toMatchObject({ deadline: iso(7200) });
    expect(readRounds(doc)[0].closed).toBeUndefined();
  });
});

describe('positions and rounds in meeting JSON', () => {
  it('go out and come back exactly, and the strict check names what is wrong', () => {
    const { doc, ids } = meeting();
    state(doc, 'Ericsson', ids[0], 'object', 1, 'needs study');
    const id = openRound(doc, { tdocs: [ids[0], ids[1]], deadline: iso(60), by: 'Chair', nowMs: T0, autoApprove: true });
    closeAtDeadline(doc, id, T0 + 60_000);
    const json = readMeeting(doc);
    expect(json.positions).toHaveLength(1);
    expect(json.approvals![0]).toMatchObject({ id, closed: { ready: false, objections: ['Ericsson'] } });
    const parsed = parseMeeting(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(readMeeting(createMeetingDoc(parsed.value))).toEqual(json);
    const bad = (f: (j: Record<string, any>) => void) => {
      const j = JSON.parse(JSON.stringify(json));
      f(j);
      const r = parseMeeting(j);
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(bad((j) => (j.positions[0].stance = 'maybe'))).toEqual(['positions[0].stance']);
    expect(bad((j) => (j.positions[0].contributionId = 'gone'))).toEqual(['positions[0].contributionId']);
    expect(bad((j) => j.positions.push({ ...j.positions[0], organisation: 'ericsson' }))).toEqual(['positions[1].organisation']);
    expect(bad((j) => (j.approvals[0].deadline = 'soon'))).toEqual(['approvals[0].deadline']);
    expect(bad((j) => (j.approvals[0].tdocs = []))).toEqual(['approvals[0].tdocs']);
    expect(bad((j) => (j.approvals[0].decision = { state: 'maybe', at: iso(1), by: '', auto: false }))).toEqual(['approvals[0].decision.state']);
  });

  it('drops positions and rounds of Tdocs that are gone', () => {
    const { doc, ids } = meeting();
    state(doc, 'Ericsson', ids[0], 'support', 1);
    openRound(doc, { tdocs: [ids[0]], deadline: iso(60), by: 'Chair', nowMs: T0 });
    doc.getMap('contributions').delete(ids[0]);
    const json = readMeeting(doc);
    expect(json.positions).toBeUndefined();
    expect(json.approvals).toBeUndefined();
    expect(parseMeeting(json).ok).toBe(true);
  });
});
