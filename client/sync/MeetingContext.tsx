/**
 * The meeting a page works on, for every component below: its connection, its render cache, who this
 * person is, and their undo history. One per page; hooks throw outside it so a mistake fails loudly.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import * as Y from 'yjs';
import { MeetingConnection, LOCAL_ORIGIN } from './MeetingConnection.js';
import { MeetingStore } from './MeetingStore.js';
import type { Role } from '../route.js';

export interface MeetingContextValue {
  meetingId: string;
  role: Role;
  editable: boolean;
  /** The link's token (for export downloads); never shown. */
  token: string;
  connection: MeetingConnection;
  store: MeetingStore;
  doc: Y.Doc;
  undo: Y.UndoManager;
  /** Runs a change as this person (undoable, marked with the local origin). */
  change: (fn: (doc: Y.Doc) => void) => void;
}

const Ctx = createContext<MeetingContextValue | null>(null);

export interface MeetingProviderProps {
  meetingId: string;
  role: Role;
  token: string;
  editable: boolean;
  /** Keep a local copy in IndexedDB (default true); read-only roles pass false. */
  persist?: boolean;
  children: ReactNode;
  /** For tests: use this connection instead of opening one. */
  connection?: MeetingConnection;
}

/** Opens the meeting's connection for the lifetime of the page section below it. */
export function MeetingProvider({ meetingId, role, token, editable, persist, children, connection: given }: MeetingProviderProps) {
  const [connection] = useState(() => given ?? new MeetingConnection({ meetingId, token, persist: persist === false ? false : undefined }));
  const value = useMemo(() => createValue({ meetingId, role, editable, token }, connection), [meetingId, role, editable, token, connection]);
  useEffect(
    () => () => {
      value.undo.destroy();
      value.store.destroy();
      if (!given) connection.destroy();
    },
    [value, connection, given],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** Builds the context value around a document (exported for tests that need no network). */
export function createValue(
  { meetingId, role, editable, token }: { meetingId: string; role: Role; editable: boolean; token: string },
  connection: Pick<MeetingConnection, 'doc'> & Partial<MeetingConnection>,
): MeetingContextValue {
  const doc = connection.doc;
  const store = new MeetingStore(doc);
  const undo = new Y.UndoManager(doc, { trackedOrigins: new Set([LOCAL_ORIGIN]), captureTimeout: 600 });
  const change = (fn: (d: Y.Doc) => void) => {
    if (!editable) return;
    doc.transact(() => fn(doc), LOCAL_ORIGIN);
  };
  return { meetingId, role, editable, token, connection: connection as MeetingConnection, store, doc, undo, change };
}

/** The meeting of this page. */
export function useMeetingContext(): MeetingContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useMeetingContext must be used inside <MeetingProvider>');
  return v;
}

/** For tests: provide a ready context value. */
export const MeetingContextProvider = Ctx.Provider;
