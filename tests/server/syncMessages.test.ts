import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carriesItems, encodeStep2, encodeUpdate } from '../../server/sync/syncMessages.js';

describe('carriesItems', () => {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, 'agreed with editorials');
  text.delete(0, 7);
  const upToDate = Y.encodeStateVector(doc);

  it('is false for a step 2 that only repeats the delete set of a client that holds nothing new', () => {
    const answer = encodeStep2(doc, upToDate);
    expect(answer.length).toBeGreaterThan(5); // the delete set is there
    expect(carriesItems(answer)).toBe(false);
  });

  it('is true for a step 2 or an update that carries new items', () => {
    expect(carriesItems(encodeStep2(doc, new Uint8Array([0])))).toBe(true);
    expect(carriesItems(encodeUpdate(Y.encodeStateAsUpdate(doc)))).toBe(true);
  });

  it('counts a truncated frame as carrying items (it is then decoded and refused as malformed)', () => {
    expect(carriesItems(new Uint8Array([0, 1, 50]))).toBe(true);
  });
});
