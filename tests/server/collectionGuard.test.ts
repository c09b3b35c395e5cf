/**
 * The write-time limits of editor-written parts (issue 23): an update is placed item by item without
 * being applied, and refused when a part would pass its limit.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollectionGuard, UpdateRefused } from '../../server/sync/CollectionGuard.js';
import { BALLOTS_LIMIT, ROOT_LIMITS, TEXT_LIMIT } from '../../shared/document/collectionLimits.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { addRoom } from '../../shared/document/rooms.js';
import { openPoll } from '../../shared/participation/showOfHands.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';
import { setStatuses } from '../../shared/document/meetingParts.js';
import { sampleMeeting } from '../helpers/startTestServer.js';

/** The server's document and an editor's replica of it; `change` returns what the editor's edit sends. */
function pair() {
  const server = createMeetingDoc(sampleMeeting(3));
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(server));
  const guard = new CollectionGuard(server);
  const change = (f: (d: Y.Doc) => void): Uint8Array => {
    const sv = Y.encodeStateVector(editor);
    editor.transact(() => f(editor));
    return Y.encodeStateAsUpdate(editor, sv);
  };
  const accept = (u: Uint8Array) => {
    guard.check(Y.decodeUpdate(u));
    Y.applyUpdate(server, u);
  };
  return { server, editor, guard, change, accept };
}

describe('CollectionGuard', () => {
  it('lets ordinary edits through: statuses, notes, rooms, polls, a new vocabulary', () => {
    const { server, change, accept } = pair();
    const c = readMeeting(server).contributions[0];
    accept(change((d) => setContributionStatus(d, c.id, 'agreed', { by: 'Sam' })));
    accept(change((d) => updateContribution(d, c.id, { notes: 'Agreed with a change.' })));
    accept(change((d) => addRoom(d, 'Breakout A')));
    accept(change((d) => openPoll(d, { question: 'Q?', options: ['Yes', 'No'], at: new Date().toISOString() })));
    accept(change((d) => setStatuses(d, readMeeting(d).statuses)));
    expect(readMeeting(server).rooms?.map((r) => r.name)).toContain('Breakout A');
  });

  it('refuses one update that adds 10,000 rooms (100,000 in the hardening suite), and one that passes the limit a room at a time', () => {
    const { change, guard } = pair();
    const hostile = change((d) => {
      const rooms = d.getMap('rooms');
      for (let i = 0; i < 10_000; i++) {
        const m = new Y.Map();
        rooms.set(`r${i}`, m);
        m.set('name', `Room ${i}`);
      }
    });
    expect(hostile.length).toBeGreaterThan(100_000);
    expect(() => guard.check(Y.decodeUpdate(hostile))).toThrow(UpdateRefused);
    expect(() => guard.check(Y.decodeUpdate(hostile))).toThrow(/rooms may hold at most 64 entries/);
    // One at a time: accepted up to the limit, then refused.
    const { change: change2, accept: accept2 } = pair();
    let refused = 0;
    for (let i = 0; i < ROOT_LIMITS.rooms + 5; i++) {
      const u = change2((d) => d.getMap('rooms').set(`x${i}`, new Y.Map()));
      try {
        accept2(u);
      } catch (e) {
        expect(e).toBeInstanceOf(UpdateRefused);
        refused++;
      }
    }
    expect(refused).toBe(5);
  });

  it('refuses ballots over a poll\'s limit written by an editor, new keys in an entry, and texts and arrays over theirs', () => {
    const { server, change, guard, accept } = pair();
    let pollId = '';
    accept(change((d) => (pollId = openPoll(d, { question: 'Q?', options: ['Yes'], at: new Date().toISOString() }))));
    const stuffed = change((d) => {
      const answers = (d.getMap('polls').get(pollId) as Y.Map<unknown>).get('answers') as Y.Map<string>;
      for (let i = 0; i <= BALLOTS_LIMIT; i++) answers.set(`t${i}`, 'Yes');
    });
    expect(() => guard.check(Y.decodeUpdate(stuffed))).toThrow(/polls\/.*\/answers may hold at most 5000/);
    // A new poll made with its ballots in the same update is placed too.
    const fresh = change((d) => {
      const m = new Y.Map<unknown>();
      d.getMap('polls').set('fresh', m);
      const answers = new Y.Map<string>();
      m.set('answers', answers);
      for (let i = 0; i <= BALLOTS_LIMIT; i++) answers.set(`t${i}`, 'Yes');
    });
    expect(() => guard.check(Y.decodeUpdate(fresh))).toThrow(/answers/);
    const c = readMeeting(server).contributions[0];
    const junkKeys = change((d) => {
      const e = d.getMap('contributions').get(c.id) as Y.Map<unknown>;
      for (let i = 0; i < 1000; i++) e.set(`junk${i}`, i);
    });
    expect(() => guard.check(Y.decodeUpdate(junkKeys))).toThrow(/contributions\/.* may hold at most 256 entries/);
    const longNotes = change((d) => updateContribution(d, c.id, { notes: 'x'.repeat(TEXT_LIMIT + 1) }));
    expect(() => guard.check(Y.decodeUpdate(longNotes))).toThrow(/characters/);
    const vocabulary = change((d) => d.getArray('statuses').push(Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, label: `S${i}`, final: false }))));
    expect(() => guard.check(Y.decodeUpdate(vocabulary))).toThrow(/statuses may hold at most 200 values/);
  });
});
