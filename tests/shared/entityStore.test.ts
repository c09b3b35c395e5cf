import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entryText, replaceText, table } from '../../shared/document/entityStore.js';
import { addContribution, updateContribution } from '../../shared/document/contributionOps.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { addEntity, MeetingOpError } from '../../shared/document/entityOps.js';
import { seededRandom } from '../helpers/seededRandom.js';
import { emptyMeetingDoc, replicaOf, syncBoth } from './meetingTestDoc.js';

describe('replaceText', () => {
  it('ends with exactly the new text, for random edits including emoji', () => {
    const rng = seededRandom(3);
    const alphabet = ['a', 'b', ' ', '\n', 'é', '😀', '👍🏽'];
    const doc = new Y.Doc();
    const t = doc.getText('t');
    for (let i = 0; i < 500; i++) {
      const next = Array.from({ length: rng.int(0, 12) }, () => rng.pick(alphabet)).join('');
      replaceText(t, next);
      expect(t.toString()).toBe(next);
    }
  });

  it('touches only the changed part, so a peer typing elsewhere in the notes keeps its text', () => {
    const a = emptyMeetingDoc();
    const c = addContribution(a, { number: 'X-1', notes: 'The room agreed. Huawei objected.' });
    const b = replicaOf(a);
    updateContribution(a, c, { notes: 'The room agreed with changes. Huawei objected.' });
    const text = entryText(b, 'contributions', c, 'notes')!;
    text.insert(text.length, ' Nokia supported.');
    syncBoth(a, b);
    const notes = readMeeting(a).contributions[0].notes;
    expect(notes).toBe('The room agreed with changes. Huawei objected. Nokia supported.');
    expect(readMeeting(b).contributions[0].notes).toBe(notes);
  });

  it('writes nothing when the text is the same', () => {
    const doc = emptyMeetingDoc();
    const c = addContribution(doc, { number: 'X-1', notes: 'same', aliases: ['A'] });
    const before = Y.encodeStateVector(doc);
    updateContribution(doc, c, { notes: 'same', aliases: ['A'] });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });
});

describe('entryText', () => {
  it('gives the Y.Text of notes, and turns a plain string a broken peer left into one', () => {
    const doc = emptyMeetingDoc();
    const c = addContribution(doc, { number: 'X-1', notes: 'typed' });
    expect(entryText(doc, 'contributions', c, 'notes')!.toString()).toBe('typed');
    table(doc, 'contributions').get(c)!.set('notes', 'plain');
    const t = entryText(doc, 'contributions', c, 'notes')!;
    expect(t).toBeInstanceOf(Y.Text);
    t.insert(5, ' text');
    expect(readMeeting(doc).contributions[0].notes).toBe('plain text');
    expect(entryText(doc, 'contributions', 'nope', 'notes')).toBeUndefined();
  });
});

describe('addEntity', () => {
  it('refuses an empty id', () => {
    const doc = emptyMeetingDoc();
    expect(() => addEntity(doc, 'objectives', { id: '', text: 'x' })).toThrow(MeetingOpError);
    expect(readMeeting(doc).objectives).toEqual([]);
  });
});
