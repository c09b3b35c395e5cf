/**
 * A week of a meeting's record written into a data folder, in process, through the server's own path
 * (Room.handle: applied, described, recorded, appended with its record, the load log compacted, checkpoints
 * by the room's policy), with the server's clock injected to spread the edits over 5 days of 10 hours:
 * 25 % status decisions, 65 % notes typed a word at a time, 7 % title edits, 3 % the room moving on.
 * Shared by the record scenario (its own store) and the secretary's (a meeting a server process then serves).
 */
import pino from 'pino';
import * as Y from 'yjs';
import { seeded } from './benchMeeting.js';
import { setLive } from '../shared/document/meetingParts.js';
import { setContributionStatus, updateContribution } from '../shared/document/contributionOps.js';
import { entryText } from '../shared/document/entityStore.js';
import { readMeeting } from '../shared/document/meetingDoc.js';
import type { DocStore } from '../server/persistence/DocStore.js';
import { createMetrics } from '../server/sync/metrics.js';
import { DEFAULT_ROOM_OPTIONS, type Room } from '../server/sync/Room.js';
import { RoomRegistry } from '../server/sync/RoomRegistry.js';
import { SyncConnection, DEFAULT_CONNECTION_LIMITS } from '../server/sync/SyncConnection.js';

export const WEEK_START = Date.parse('2026-11-30T08:00:00Z');

export interface WeekWritten {
  /** Time of the first and the last edit (server ms). */
  start: number;
  end: number;
  /** Room.handle per edit (apply + describe + record), ms. */
  handleMs: number[];
  seconds: number;
  registry: RoomRegistry;
  room: Room;
}

/**
 * Writes `edits` edits into meeting `id` of `store` (the meeting must be stored already) and leaves its room
 * loaded (close it with registry.closeAll). `onEdit` is told each edit's index (progress).
 */
export async function writeWeek(store: DocStore, id: string, edits: number, onEdit?: (i: number) => void, start = WEEK_START): Promise<WeekWritten> {
  let now = start;
  const log = pino({ level: 'silent' });
  const metrics = createMetrics(false);
  const registry = new RoomRegistry(store, log, metrics, { ...DEFAULT_ROOM_OPTIONS, clock: () => now, clockCheckpointMs: 0 });
  const room: Room = await registry.getOrLoad(id);
  const socket = { send: () => undefined, close: () => undefined, isOpen: () => true, bufferedAmount: () => 0 };
  const limits = { ...DEFAULT_CONNECTION_LIMITS, messagesPerSecond: 1e9, messageBurst: 1e9 };
  const conn = new SyncConnection(socket, id, 'secretary', log, metrics, limits);
  conn.tokenId = 'benchtoken01';
  room.join(conn);
  await room.flush();
  // The editor's own replica, as a secretary's page holds it.
  const editor = new Y.Doc();
  Y.applyUpdate(editor, Y.encodeStateAsUpdate(room.doc));
  const meeting = readMeeting(editor);
  const updates: Uint8Array[] = [];
  editor.on('update', (u: Uint8Array) => updates.push(u));
  const rand = seeded(17);
  const ids = meeting.contributions.map((c) => c.id);
  const items = meeting.agenda.map((a) => a.id);
  const statuses = ['agreed', 'noted', 'revised', 'postponed', 'approved', 'not-treated'];
  const step = (5 * 10 * 3_600_000) / edits;
  const handleMs: number[] = [];
  const started = Date.now();
  for (let i = 0; i < edits; i++) {
    now = start + Math.floor(i / (edits / 5)) * 24 * 3_600_000 + (i % (edits / 5)) * step * 5;
    const r = rand();
    const cid = ids[Math.floor(rand() * ids.length)]!;
    if (r < 0.25) setContributionStatus(editor, cid, statuses[Math.floor(rand() * statuses.length)]!, { by: 'Secretary' });
    else if (r < 0.9) {
      const t = entryText(editor, 'contributions', cid, 'notes')!;
      t.insert(t.length, `${t.length ? ' ' : ''}word${i % 97}`);
    } else if (r < 0.97) updateContribution(editor, cid, { title: `retitled ${i}` });
    else setLive(editor, { agendaItemId: items[Math.floor(rand() * items.length)]! });
    const u = updates.shift();
    if (!u) continue; // the room was on that item already: no change
    const t0 = performance.now();
    room.handle(conn, { kind: 'update', update: u, step2: false });
    handleMs.push(performance.now() - t0);
    await room.flush();
    onEdit?.(i);
  }
  editor.destroy();
  await room.compact();
  return { start, end: now, handleMs, seconds: (Date.now() - started) / 1000, registry, room };
}
