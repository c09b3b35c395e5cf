import * as Y from 'yjs';
import { sampleMeeting } from '../tests/helpers/startTestServer.ts';
import { createMeetingDoc, readMeeting } from '../shared/document/meetingDoc.ts';
const m = sampleMeeting(10000);
const doc = createMeetingDoc(m);
for (let i = 0; i < 5; i++) {
  let t = performance.now();
  const u = Y.encodeStateAsUpdate(doc);
  const e = performance.now() - t;
  t = performance.now();
  const sv = Y.encodeStateVector(doc);
  const e2 = performance.now() - t;
  t = performance.now();
  const d2 = new Y.Doc(); Y.applyUpdate(d2, u);
  const e3 = performance.now() - t;
  t = performance.now(); readMeeting(d2); const e4 = performance.now() - t;
  console.log(u.length, e.toFixed(1), e2.toFixed(2), e3.toFixed(1), e4.toFixed(1));
}
