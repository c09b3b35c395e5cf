/** A meeting context over a plain Y.Doc (no network) for component tests. */
import type { ReactNode } from 'react';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { createValue, MeetingContextProvider, type MeetingContextValue } from '../../client/sync/MeetingContext.js';
import type { ConnectionSnapshot } from '../../client/sync/MeetingConnection.js';

export function testContext(doc: Y.Doc, editable = true): MeetingContextValue {
  const awareness = new Awareness(doc);
  const snapshot: ConnectionSnapshot = { state: 'connected', unsent: 0, ready: true, closedMessage: null, closedCode: null, localDropped: false };
  const connection = { doc, awareness, getSnapshot: () => snapshot, subscribe: () => () => undefined };
  return createValue({ meetingId: 'm1', role: editable ? 'secretary' : 'delegate', editable, token: 't' }, connection as never);
}

export function Wrap({ value, children }: { value: MeetingContextValue; children: ReactNode }) {
  return <MeetingContextProvider value={value}>{children}</MeetingContextProvider>;
}
