/**
 * The record of a meeting as the API serves it (issue 17): its history in words, the meeting as it stood
 * at any moment (the latest checkpoint at or before it plus the recorded updates up to it, applied in
 * one transaction), and the next meeting started from this one.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import { carryOver, type NextMeeting } from '../../shared/merge/carryOver.js';
import type { DocStore } from '../persistence/DocStore.js';
import type { HistoryQuery, HistoryRecord } from '../persistence/historyRecords.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import type { MeetingService } from './MeetingService.js';

/** A past state could not be rebuilt because the record starts later. */
export class BeforeRecordError extends Error {
  constructor(readonly firstAt: number) {
    super(firstAt ? `the record of this meeting starts at ${new Date(firstAt).toISOString()}` : 'this meeting has no record yet');
  }
}

/** Rebuilt past states kept in memory (a 2,000-Tdoc meeting's JSON is a few MB). */
const REBUILT_KEPT = 8;

export class MeetingRecord {
  private readonly rebuilt = new Map<string, MeetingJson>();

  constructor(
    private readonly store: DocStore,
    private readonly rooms: RoomRegistry,
    private readonly meetings: MeetingService,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A page of the history, newest first; what was applied but not yet stored is flushed first. */
  async history(id: string, query: HistoryQuery): Promise<HistoryRecord[]> {
    await this.rooms.get(id)?.flush();
    return this.store.history(id, query);
  }

  /**
   * The meeting as it stood at `at` (ms), with the seq and time of the last change it includes. A state
   * is fixed by its seq, so the last few rebuilt ones are kept: a slider dragged over a quiet hour, or
   * the same moment exported in several formats, rebuilds once.
   */
  async meetingAt(id: string, at: number): Promise<{ meeting: MeetingJson; seq: number; changedAt: number }> {
    await this.rooms.get(id)?.flush();
    const past = await this.store.updatesAt(id, at);
    if (!past) throw new BeforeRecordError((await this.store.recordInfo(id)).firstAt);
    const key = `${id}\u0000${past.seq}`;
    const cached = this.rebuilt.get(key);
    if (cached) {
      this.rebuilt.delete(key);
      this.rebuilt.set(key, cached);
      return { meeting: cached, seq: past.seq, changedAt: past.at };
    }
    const meeting = this.rebuild(past.updates);
    this.rebuilt.set(key, meeting);
    while (this.rebuilt.size > REBUILT_KEPT) this.rebuilt.delete(this.rebuilt.keys().next().value!);
    return { meeting, seq: past.seq, changedAt: past.at };
  }

  private rebuild(updates: readonly Uint8Array[]): MeetingJson {
    const doc = new Y.Doc();
    try {
      // In order and in one transaction, as a load does (FACTS.md: never without the base).
      doc.transact(() => {
        for (const u of updates) Y.applyUpdate(doc, u);
      });
      return readMeeting(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Creates the next meeting from this one (see shared/merge/carryOver.ts); answers like POST /api/meetings. */
  async next(id: string, input: NextMeeting, by: { role: string; tokenId: string }) {
    const current = await this.rooms.withDoc(id, (doc) => readMeeting(doc));
    const json = carryOver(current, { meetingId: id, title: current.meta.title }, input, new Date(this.clock()).toISOString());
    // The same check an upload gets: what is created is a valid meeting.
    const parsed = parseMeeting(json);
    if (!parsed.ok) throw new Error(`the carried-over meeting is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const carried = json.contributions.length;
    const created = await this.meetings.create(parsed.value, {
      role: by.role,
      tokenId: by.tokenId,
      note: `Meeting created from ${current.meta.title || id}: ${carried} Tdoc${carried === 1 ? '' : 's'}, ${json.actions.length} open action item${json.actions.length === 1 ? '' : 's'} carried over`,
    });
    this.log.info({ meeting: created.id, from: id, carried }, 'next meeting created');
    return created;
  }
}
