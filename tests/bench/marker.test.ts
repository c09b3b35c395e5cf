import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { makeMarker, scanMarkers } from '../../bench/marker.js';
import { benchMeeting } from '../../bench/benchMeeting.js';
import { createMeetingDoc } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';

const scanAll = (buf: Uint8Array) => {
  const found: [number, bigint][] = [];
  scanMarkers(buf, (seq, ns) => found.push([seq, ns]));
  return found;
};

describe('edit markers', () => {
  it('finds the marker of a status change in the raw Yjs update bytes', () => {
    const doc = createMeetingDoc(benchMeeting(5));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    setContributionStatus(doc, 'c3', 'agreed', { by: makeMarker(17, 123456789012345n) });
    expect(updates).toHaveLength(1);
    expect(scanAll(updates[0]!)).toEqual([[17, 123456789012345n]]);
  });

  it('finds every marker when updates are merged, and none in unrelated bytes', () => {
    const doc = createMeetingDoc(benchMeeting(5));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    setContributionStatus(doc, 'c0', 'noted', { by: makeMarker(1, 10n) });
    setContributionStatus(doc, 'c1', 'agreed', { by: makeMarker(2, 20n) });
    const merged = Y.mergeUpdates(updates);
    expect(scanAll(merged).sort((a, b) => a[0] - b[0])).toEqual([
      [1, 10n],
      [2, 20n],
    ]);
    expect(scanAll(Y.encodeStateAsUpdate(createMeetingDoc(benchMeeting(5))))).toEqual([]);
  });

  it('ignores a marker cut off before its end', () => {
    const bytes = Buffer.from(makeMarker(4, 99n).slice(0, -2), 'latin1');
    expect(scanAll(bytes)).toEqual([]);
  });
});
