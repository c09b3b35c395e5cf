/**
 * Positions and e-mail approval rounds in the page (issue 26): the ledger indexed per Tdoc (read again
 * only when a position changes), each Tdoc's shown positions and tally, the rounds with their derived
 * states (read again only when a round, a position or a Tdoc changes, and only on pages that show them),
 * who this page's link names, and the requests that are not document edits (a person's position, the
 * mail of a Tdoc).
 */
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { indexPositions, observePositions, positionsFor, readPositions, tallyText, type Position, type ShownPosition } from '../../shared/positions/positionLedger.js';
import { hasRounds, observeRounds, readRounds, roundWorld, viewRound, type RoundView } from '../../shared/positions/approvalRounds.js';
import { useMeetingContext } from './MeetingContext.js';
import type { MeetingStore } from './MeetingStore.js';

interface Ledger {
  index: Map<string, Position[]>;
  list: Position[];
  version: number;
}

const ledgers = new WeakMap<Y.Doc, { value: Ledger; dirty: boolean; listeners: Set<() => void>; stop?: () => void }>();

/** The page's ledger, kept per document and read again after a position changed. */
function ledgerOf(doc: Y.Doc): { value: Ledger; dirty: boolean; listeners: Set<() => void>; stop?: () => void } {
  let l = ledgers.get(doc);
  if (!l) {
    const list = readPositions(doc);
    l = { value: { index: indexPositions(list), list, version: 0 }, dirty: false, listeners: new Set() };
    ledgers.set(doc, l);
  }
  if (l.dirty) {
    const list = readPositions(doc);
    l.value = { index: indexPositions(list), list, version: l.value.version + 1 };
    l.dirty = false;
  }
  return l;
}

function subscribeLedger(doc: Y.Doc, f: () => void): () => void {
  const l = ledgerOf(doc);
  if (!l.stop) {
    l.stop = observePositions(doc, () => {
      l.dirty = true;
      for (const x of [...l.listeners]) x();
    });
  }
  l.listeners.add(f);
  return () => {
    l.listeners.delete(f);
    if (!l.listeners.size && l.stop) {
      l.stop();
      l.stop = undefined;
      l.dirty = true;
    }
  };
}

/** The whole ledger (every position of the meeting), re-rendering when a position changes. */
export function useLedger(): Ledger {
  const { doc } = useMeetingContext();
  const sub = useCallback((f: () => void) => subscribeLedger(doc, f), [doc]);
  return useSyncExternalStore(sub, () => ledgerOf(doc).value);
}

const revisionOfIn = (store: MeetingStore) => (id: string) => store.contribution(id)?.revisionOf ?? null;

/** The positions shown on a Tdoc: its own and those carried from the Tdocs it revises. */
export function usePositionsOf(id: string): ShownPosition[] {
  const { store } = useMeetingContext();
  const ledger = useLedger();
  const revisionOf = store.contribution(id)?.revisionOf ?? null;
  return useMemo(() => positionsFor(id, ledger.index, revisionOfIn(store)), [id, ledger, store, revisionOf]);
}

/** '3 support · 1 object' for a Tdoc's row ('' without positions); a row re-renders only when its text changes. */
export function usePositionTally(id: string): string {
  const { doc, store } = useMeetingContext();
  const sub = useCallback((f: () => void) => subscribeLedger(doc, f), [doc]);
  return useSyncExternalStore(sub, () => {
    const ledger = ledgerOf(doc).value;
    if (!ledger.list.length) return '';
    return tallyText(positionsFor(id, ledger.index, revisionOfIn(store)));
  });
}

interface RoundsCache {
  value: RoundView[];
  dirty: boolean;
  listeners: Set<() => void>;
  stop?: () => void;
}
const roundCaches = new WeakMap<Y.Doc, RoundsCache>();

function readViews(doc: Y.Doc, store: MeetingStore): RoundView[] {
  const rounds = readRounds(doc);
  if (!rounds.length) return [];
  const order = store.getIndex().order;
  const facts = order.map((id) => store.contribution(id)).filter((c): c is NonNullable<typeof c> => !!c);
  const world = roundWorld(facts, ledgerOf(doc).value.list);
  return rounds.map((r) => viewRound(r, world));
}

function roundsOf(doc: Y.Doc, store: MeetingStore): RoundsCache {
  let c = roundCaches.get(doc);
  if (!c) {
    c = { value: readViews(doc, store), dirty: false, listeners: new Set() };
    roundCaches.set(doc, c);
  }
  if (c.dirty) {
    c.value = readViews(doc, store);
    c.dirty = false;
  }
  return c;
}

function subscribeRounds(doc: Y.Doc, store: MeetingStore, f: () => void): () => void {
  const c = roundsOf(doc, store);
  if (!c.stop) {
    // A round's state follows its rounds, the positions on its Tdocs, and its Tdocs (revised, withdrawn).
    const changed = () => {
      c.dirty = true;
      for (const x of [...c.listeners]) x();
    };
    const stops = [observeRounds(doc, changed), subscribeLedger(doc, changed), store.subscribeContent(() => (hasRounds(doc) ? changed() : undefined))];
    c.stop = () => stops.forEach((s) => s());
  }
  c.listeners.add(f);
  return () => {
    c.listeners.delete(f);
    if (!c.listeners.size && c.stop) {
      c.stop();
      c.stop = undefined;
      c.dirty = true;
    }
  };
}

/** Every round as shown (state, readiness, objections, its Tdocs now), by deadline. */
export function useRounds(): RoundView[] {
  const { doc, store } = useMeetingContext();
  const sub = useCallback((f: () => void) => subscribeRounds(doc, store, f), [doc, store]);
  return useSyncExternalStore(sub, () => roundsOf(doc, store).value);
}

/** The undecided round a Tdoc is on (or the latest decided one), for its row's mark; undefined when none. */
export function useRoundOf(id: string): RoundView | undefined {
  const { doc, store } = useMeetingContext();
  const sub = useCallback((f: () => void) => subscribeRounds(doc, store, f), [doc, store]);
  return useSyncExternalStore(sub, () => {
    const list = roundsOf(doc, store).value;
    if (!list.length) return undefined;
    const mine = list.filter((r) => r.current.includes(id) || r.tdocs.includes(id));
    return mine.find((r) => !r.decision) ?? mine[mine.length - 1];
  });
}

/** Who this page's link names (GET /identity): a role, and for a registered person their name and organisation. */
export interface PageIdentity {
  role: string;
  personId?: string;
  name?: string;
  organisation?: string;
}

/** Who this page's link names; undefined until the server answered. */
export function useIdentity(): PageIdentity | undefined {
  const { meetingId, token } = useMeetingContext();
  const [who, setWho] = useState<PageIdentity | undefined>();
  useEffect(() => {
    let live = true;
    void fetch(`/api/meetings/${encodeURIComponent(meetingId)}/identity`, { headers: { authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? (r.json() as Promise<PageIdentity>) : undefined))
      .then((v) => live && v && setWho(v))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [meetingId, token]);
  return who;
}

/** A person's own position (their link names the organisation): POST /positions. */
export async function statePositionRequest(meetingId: string, token: string, body: { tdoc: string; stance: string; comment?: string }): Promise<void> {
  const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/positions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { error?: string }).error ?? `the server answered ${res.status}`);
}

/** One message of a Tdoc's thread, as the mail route answers it. */
export interface ThreadMessage {
  messageId: string;
  sentAt: string;
  fromAddress: string;
  fromName: string;
  organisation: string;
  subject: string;
  firstLines: string;
}

/** A Tdoc's reflector thread (GET /mail?tdoc=); undefined while loading, null when this link may not read mail. */
export function useMailThread(number: string): ThreadMessage[] | null | undefined {
  const { meetingId, token } = useMeetingContext();
  const [messages, setMessages] = useState<ThreadMessage[] | null | undefined>();
  useEffect(() => {
    let live = true;
    setMessages(undefined);
    void fetch(`/api/meetings/${encodeURIComponent(meetingId)}/mail?tdoc=${encodeURIComponent(number)}`, { headers: { authorization: `Bearer ${token}` } })
      .then(async (r) => (r.ok ? ((await r.json()) as { messages: ThreadMessage[] }).messages : null))
      .then((v) => live && setMessages(v))
      .catch(() => live && setMessages(null));
    return () => {
      live = false;
    };
  }, [meetingId, token, number]);
  return messages;
}
