/** Who spoke and the shows of hands: kept in meeting JSON and written into the reports (issue 15). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportMeeting, importMeeting } from '../../shared/formats/index.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { addToQueue, callNext, endSpeech } from '../../shared/participation/speakerQueue.js';
import { castBallot, closePoll, openPoll, setRoomCounts } from '../../shared/participation/showOfHands.js';
import { bytesOf, sampleMeeting, summary } from './sampleMeeting.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** The sample meeting with two speeches on its first contribution's item and one closed poll. */
function meetingWithRecord(): MeetingJson {
  const base = sampleMeeting();
  const doc = createMeetingDoc(base);
  const c = base.contributions[0];
  addToQueue(doc, { kind: 'point-of-order', name: 'Cy Park', company: 'Huawei', at: at(0), by: 'self', owner: 'x' });
  addToQueue(doc, { kind: 'new-topic', name: 'Ann Lee', company: 'Ericsson', at: at(1), by: 'chair' });
  callNext(doc, { at: at(60), agendaItemId: c.agendaItemId, contributionId: c.id });
  callNext(doc, { at: at(125), agendaItemId: c.agendaItemId, contributionId: '' });
  endSpeech(doc, at(300));
  const poll = openPoll(doc, { question: 'Agree the reply LS?', options: ['Yes', 'No', 'Abstain'], at: at(400), agendaItemId: c.agendaItemId });
  castBallot(doc, poll, 't1', 'Yes', T0 + 401_000);
  castBallot(doc, poll, 't2', 'No', T0 + 401_000);
  castBallot(doc, poll, 't2', 'Yes', T0 + 402_000);
  setRoomCounts(doc, poll, { Yes: 20, No: 3, Abstain: 1 });
  closePoll(doc, poll, at(460));
  const json = readMeeting(doc);
  doc.destroy();
  return json;
}

describe('the record in meeting JSON', () => {
  it('keeps speeches and polls (counts only) and reads them back the same', async () => {
    const m = meetingWithRecord();
    expect(m.speeches?.map((s) => [s.name, s.kind, s.startedAt, s.endedAt])).toEqual([
      ['Cy Park', 'point-of-order', at(60), at(125)],
      ['Ann Lee', 'new-topic', at(125), at(300)],
    ]);
    expect(m.polls?.[0]).toMatchObject({ question: 'Agree the reply LS?', remote: { Yes: 2, No: 0, Abstain: 0 }, roomCounts: { Yes: 20, No: 3, Abstain: 1 }, closedAt: at(460) });
    expect(JSON.stringify(m)).not.toContain('"t1"');
    const parsed = parseMeeting(JSON.parse(JSON.stringify(m)));
    expect(parsed.ok && parsed.value).toEqual(m);
    const again = readMeeting(createMeetingDoc(m));
    expect(again).toEqual(m);
    const out = await exportMeeting(m, 'json');
    expect((await importMeeting(bytesOf(out.data), { format: 'json' })).meeting).toEqual(m);
  });

  it('has no speeches or polls parts for a meeting without them', () => {
    const m = readMeeting(createMeetingDoc(sampleMeeting()));
    expect('speeches' in m || 'polls' in m).toBe(false);
  });

  it('refuses a bad record with the path of the problem', () => {
    const m = meetingWithRecord();
    const bad = (patch: (j: any) => void) => {
      const j = JSON.parse(JSON.stringify(m));
      patch(j);
      const r = parseMeeting(j);
      return r.ok ? [] : r.errors.map((e) => e.path);
    };
    expect(bad((j) => (j.speeches[0].kind = 'shout'))).toEqual(['speeches[0].kind']);
    expect(bad((j) => (j.speeches[1].startedAt = 'yesterday'))).toEqual(['speeches[1].startedAt']);
    expect(bad((j) => (j.speeches[0].agendaItemId = 'nope'))).toEqual(['speeches[0].agendaItemId']);
    expect(bad((j) => (j.polls[0].remote = { Yes: -1 }))).toEqual(['polls[0].remote']);
    expect(bad((j) => (j.polls[0].options = ['A', 'A']))).toEqual(['polls[0].options']);
    expect(bad((j) => (j.polls = {}))).toEqual(['polls']);
  });

  it('reads a record a faulty peer broke into JSON that parses', () => {
    const doc = createMeetingDoc(meetingWithRecord());
    doc.getMap('speeches').set('zz', { name: 'X', startedAt: 'not a time', kind: 'reply' });
    doc.getMap('speeches').set('zy', { name: 'Y', startedAt: at(1), endedAt: 'soon', agendaItemId: 'gone', kind: 42 });
    doc.getMap('polls').set('p1', new Y.Map());
    const m = readMeeting(doc);
    expect(parseMeeting(m).ok).toBe(true);
    expect(m.speeches?.find((s) => s.id === 'zy')).toMatchObject({ endedAt: '', agendaItemId: '', kind: 'new-topic' });
  });
});

describe('the record in the reports', () => {
  for (const fmt of ['md', 'docx'] as const) {
    it(`writes who spoke on what and the counts into the ${fmt} report, and the report still reads back as before`, async () => {
      const m = meetingWithRecord();
      const out = await exportMeeting(m, fmt);
      if (fmt === 'md') {
        const text = out.data as string;
        const section = text.slice(text.indexOf('## Speakers and shows of hands'));
        expect(section).toContain('| Item | Document | Speaker | Organisation | Kind | Started | Time |');
        expect(section).toContain(`| ${m.contributions[0].number} | Cy Park | Huawei | Point of order |`);
        expect(section).toContain('| Ann Lee | Ericsson | New topic |');
        expect(section).toContain('| Agree the reply LS? | Yes 22 · No 3 · Abstain 1 | Yes 2 · No 0 · Abstain 0 | Yes 20 · No 3 · Abstain 1 |');
      }
      const { speeches, polls, ...plain } = m;
      expect(speeches && polls).toBeTruthy();
      const back = (await importMeeting(bytesOf(out.data), { format: fmt })).meeting;
      const backPlain = (await importMeeting(bytesOf((await exportMeeting(plain as MeetingJson, fmt)).data), { format: fmt })).meeting;
      expect(summary(back)).toEqual(summary(backPlain));
      expect(back.meta).toEqual(backPlain.meta);
      const noIds = (xs: { id: string }[]) => xs.map(({ id: _id, ...rest }) => rest);
      // An action's agenda item is an id of its own import: compared by the item's number.
      const actionsOf = (x: MeetingJson) => noIds(x.actions).map((a) => ({ ...a, agendaItemId: x.agenda.find((i) => i.id === (a as { agendaItemId?: string }).agendaItemId)?.label }));
      expect(actionsOf(back)).toEqual(actionsOf(backPlain));
      expect(noIds(back.deliverables)).toEqual(noIds(backPlain.deliverables));
    });
  }
});
