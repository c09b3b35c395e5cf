/**
 * The phone's own copy of the live glance (shared/document/liveGlance.ts): what the room was on when this browser last
 * saw the meeting, kept in localStorage so the follow link's preview (client/public/preview.js) can paint the
 * live item on the next visit before any network answer and before the meeting is read from IndexedDB. The
 * preview then asks the server for the current glance and repaints; the app syncs the rest.
 *
 * The follow view keeps it current while it runs (keepGlance): after each change of the live item, its
 * rows, the banner, the title or the status labels (debounced), and once more when the page is hidden.
 * Only a page whose connection has synced writes it, so a stale local copy never overwrites a fresher
 * glance the preview stored. The key and the shape are the preview's: keep them in step.
 */
import type { LiveGlance } from '../../shared/document/liveGlance.js';
import { statusLabel } from '../../shared/document/statuses.js';
import type { MeetingStore } from './MeetingStore.js';

/** The localStorage key of a meeting's glance (also read and written by client/public/preview.js). */
export const glanceKey = (meetingId: string) => `plenary:${meetingId}:glance`;

/** How long after a change the glance is written (ms): a burst of edits is one write. */
export const GLANCE_WRITE_DELAY_MS = 400;

/** The glance of what `store` holds now: the live item's rows only. */
export function glanceOf(store: MeetingStore): LiveGlance {
  const meta = store.getMeta();
  const live = store.getLive();
  const statuses = store.getStatuses();
  const item = live.agendaItemId ? store.agendaItem(live.agendaItemId) : undefined;
  const ids = item ? (store.getIndex().byItem.get(item.id) ?? []) : [];
  const contributions: LiveGlance['contributions'] = [];
  for (const id of ids) {
    const c = store.contribution(id);
    if (c) contributions.push({ id: c.id, number: c.number, title: c.title, source: c.source, status: c.status, statusLabel: statusLabel(statuses, c.status) });
  }
  return {
    title: meta.title,
    banner: live.banner,
    item: item ? { id: item.id, label: item.label, title: item.title } : null,
    contributionId: live.contributionId,
    contributions,
  };
}

type GlanceStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function defaultStorage(): GlanceStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Stores a meeting's glance (quietly nothing when storage is unavailable or full). */
export function saveGlance(meetingId: string, glance: LiveGlance, storage: GlanceStorage | null = defaultStorage()): void {
  try {
    storage?.setItem(glanceKey(meetingId), JSON.stringify(glance));
  } catch {
    // Storage disabled or full: the next visit waits for the server's glance, which is still correct.
  }
}

/** The stored glance of a meeting, or null when there is none or it is not a glance. */
export function readGlance(meetingId: string, storage: GlanceStorage | null = defaultStorage()): LiveGlance | null {
  try {
    const raw = storage?.getItem(glanceKey(meetingId));
    if (!raw) return null;
    const g = JSON.parse(raw) as Partial<LiveGlance> | null;
    return g && typeof g === 'object' && Array.isArray(g.contributions) && 'item' in g ? (g as LiveGlance) : null;
  } catch {
    return null;
  }
}

/** Forgets a meeting's glance (a link the server refuses). */
export function forgetGlance(meetingId: string, storage: GlanceStorage | null = defaultStorage()): void {
  try {
    storage?.removeItem(glanceKey(meetingId));
  } catch {
    // Nothing to forget.
  }
}

export interface KeepGlanceOptions {
  meetingId: string;
  store: MeetingStore;
  /** True once the page holds the server's state (a stale local copy is not written over a fresher glance). */
  synced: () => boolean;
  /** Called when `synced` may have changed. */
  subscribeSynced: (l: () => void) => () => void;
  storage?: GlanceStorage | null;
  delayMs?: number;
}

/** Keeps the stored glance equal to what the page shows; returns the function that stops it (and writes once more). */
export function keepGlance({ meetingId, store, synced, subscribeSynced, storage = defaultStorage(), delayMs = GLANCE_WRITE_DELAY_MS }: KeepGlanceOptions): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = '';
  const write = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!synced()) return;
    const json = JSON.stringify(glanceOf(store));
    if (json === last) return;
    last = json;
    try {
      storage?.setItem(glanceKey(meetingId), json);
    } catch {
      // Storage disabled or full: see saveGlance.
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(write, delayMs);
  };
  const offs = [store.subscribeDoc(schedule), store.subscribeIndex(schedule), store.subscribeContent(schedule), subscribeSynced(schedule)];
  const onHide = () => {
    if (typeof document === 'undefined' || document.visibilityState === 'hidden') write();
  };
  if (typeof window !== 'undefined') {
    window.addEventListener('pagehide', write);
    document.addEventListener('visibilitychange', onHide);
  }
  schedule();
  return () => {
    for (const off of offs) off();
    if (typeof window !== 'undefined') {
      window.removeEventListener('pagehide', write);
      document.removeEventListener('visibilitychange', onHide);
    }
    write();
  };
}
