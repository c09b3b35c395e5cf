/**
 * The record of a meeting as the API serves it (issue 17): its history in words, the meeting as it stood
 * at any moment (the latest checkpoint at or before it plus the recorded updates up to it, applied in
 * one transaction), and the next meeting started from this one.
 *
 * With the format workers (issue 23), a past export is rebuilt and written in a worker and cached by
 * meeting, record position and format (FormatJobs.exportPast), and the next meeting is carried over in a
 * worker: the event loop only reads rows and stores the new meeting. `meetingAt` (on this thread) is kept
 * for tools and tests.
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
import type { FormatJobs } from '../jobs/FormatJobs.js';
import { exportMeeting, type ExportFormat, type ExportResult } from '../../shared/formats/index.js';

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
    /** The format workers; without them past exports and the next meeting are made on this thread. */
    private readonly jobs?: FormatJobs,
  ) {}

  /**
   * The export of the meeting as it stood at `at` (ms), with the seq and time of the last change it
   * includes: rebuilt and written in a worker, cached per record position and format, limited per token
   * and meeting like any export (`client`: a hash of the asking token). BeforeRecordError before the record.
   */
  async pastExport(id: string, at: number, format: ExportFormat, client: string): Promise<{ out: ExportResult; seq: number; changedAt: number }> {
    if (!this.jobs) {
      const past = await this.meetingAt(id, at);
      return { out: await exportMeeting(past.meeting, format), seq: past.seq, changedAt: past.changedAt };
    }
    await this.rooms.get(id)?.flush();
    const past = await this.store.updatesAt(id, at, { deflated: true });
    if (!past) throw new BeforeRecordError((await this.store.recordInfo(id)).firstAt);
    const out = await this.jobs.exportPast(id, past.seq, format, client, async () => ({ updates: past.updates, deflated: past.deflated }));
    return { out, seq: past.seq, changedAt: past.at };
  }

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
    const at = new Date(this.clock()).toISOString();
    let made: { meeting: MeetingJson; base?: Uint8Array; carried: { tdocs: number; actions: number; title: string } };
    if (this.jobs) made = await this.jobs.carryOver(await this.jobs.rowsOf(id), { meetingId: id, title: '' }, input, at);
    else made = await this.rooms.withDoc(id, (doc) => carryOnThisThread(readMeeting(doc), id, input, at));
    const { tdocs, actions, title } = made.carried;
    const created = await this.meetings.create(
      made.meeting,
      {
        role: by.role,
        tokenId: by.tokenId,
        note: `Meeting created from ${title || id}: ${tdocs} Tdoc${tdocs === 1 ? '' : 's'}, ${actions} open action item${actions === 1 ? '' : 's'} carried over`,
      },
      made.base,
    );
    this.log.info({ meeting: created.id, from: id, carried: tdocs }, 'next meeting created');
    return created;
  }
}

/** The next meeting's JSON on this thread (no workers: tools and tests), checked as an upload is. */
function carryOnThisThread(current: MeetingJson, id: string, input: NextMeeting, at: string) {
  const json = carryOver(current, { meetingId: id, title: current.meta.title }, input, at);
  const parsed = parseMeeting(json);
  if (!parsed.ok) throw new Error(`the carried-over meeting is not valid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return { meeting: parsed.value, carried: { tdocs: json.contributions.length, actions: json.actions.length, title: current.meta.title } };
}
