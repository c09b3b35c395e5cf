/**
 * What the HTTP API and the command line do with meetings: create one from an uploaded file, list,
 * export, rotate tokens. Ties the catalog (metadata, tokens), the store (documents) and the loaded rooms.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { contributionCount, createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { readMeta } from '../../shared/document/meetingParts.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { newMeetingId } from '../../shared/document/meetingId.js';
import {
  detectFormat,
  exportMeeting,
  importMeeting,
  type ExportContext,
  type ExportFormat,
  type ExportResult,
  type ImportFormat,
  type ImportWarning,
} from '../../shared/formats/index.js';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { encodeFollowLink } from '../../shared/followLinkMessage.js';
import { NUMBER_HOLD_MS, allocateNumber, parseNumberBlock, releaseNumber, renewNumber } from '../../shared/document/numberBlock.js';
import { mergeImport, recordInitialImport, type MergeSummary } from '../../shared/merge/importMerge.js';
import type { DocStore } from '../persistence/DocStore.js';
import type { MeetingCatalog, MeetingSummary, RoleTokens } from './MeetingCatalog.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ROLES, roleLinks, roomScreenLinks, type Role } from '../access/roles.js';
import { hasRooms, readRooms } from '../../shared/document/rooms.js';
import { MeetingStateCache, type EncodedState } from './meetingState.js';
import { encodeGlance, readLiveGlance } from './liveGlance.js';
import { hashToken } from '../access/tokens.js';
import type { FormatJobs } from '../jobs/FormatJobs.js';
import { ServerActor, type Actor } from '../sync/Actor.js';

export interface CreatedMeeting {
  id: string;
  links: Record<Role, string>;
  /** Where the meeting has rooms (issue 16): each room's screen link, the main room's being links.screen. */
  roomScreens?: Record<string, string>;
  tokens: RoleTokens;
  warnings: ImportWarning[];
}

/** Origin of a merge the server applies (POST /api/meetings/:id/import). */
export const IMPORT_ORIGIN = Symbol('plenary-import');

/** One meeting in the admin listing (`GET /api/meetings`). */
export interface MeetingListEntry {
  id: string;
  title: string;
  startDate: string;
  endDate: string;
  body: string;
  venue: string;
  tdocCount: number;
  /** ISO time of the last stored change. */
  updatedAt: string;
  /** Open sync sockets per role, now. */
  connected: Record<Role, number>;
  archived: boolean;
}

/** A meeting's links and tokens, as `POST /api/meetings` answers. */
export interface MeetingLinks {
  id: string;
  links: Record<Role, string>;
  /** Where the meeting has rooms (issue 16): each room's screen link, the main room's being links.screen. */
  roomScreens?: Record<string, string>;
  /** With roomScreens (issue 25): each room's name, for the admin page's room screen links. */
  roomNames?: Record<string, string>;
  tokens: RoleTokens;
}

export class MeetingService {
  private readonly states = new MeetingStateCache();
  /** What the server adds to a report export (issue 24: the attendance, without e-mail addresses); main.ts sets it. */
  exportContext: ((id: string, format: ExportFormat) => Promise<ExportContext | undefined>) | undefined;

  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly store: DocStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** Base of the links handed out (PUBLIC_URL); a function because port 0 is known only after listen. */
    private readonly publicUrl: () => string,
    /** The server's clock for the record (ms); injectable for tests. */
    private readonly clock: () => number = Date.now,
    /** The format workers; without them imports and exports run on the calling thread (tools, tests). */
    private readonly jobs?: FormatJobs,
  ) {}

  /**
   * Reads an upload into meeting JSON (ImportError on bad input): in a format worker when the server has
   * them (the event loop never parses a file), else on this thread; `base` is the new meeting's first
   * row when a worker made it.
   */
  async readFile(data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }): Promise<{ meeting: MeetingJson; warnings: ImportWarning[]; base?: Uint8Array }> {
    if (this.jobs && !readsInline(data, opts)) {
      const { base, meeting, warnings } = await this.jobs.import(data, opts);
      return { meeting, warnings: warnings as ImportWarning[], base };
    }
    return importMeeting(data, opts);
  }

  /** Imports a file (ImportError on bad input) and creates a meeting from it. */
  async createFromFile(data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }): Promise<CreatedMeeting> {
    const { meeting, warnings, base } = await this.readFile(data, opts);
    return { ...(await this.create(meeting, undefined, base)), warnings };
  }

  /**
   * Creates a meeting from valid meeting JSON: the document's base row first (the first record of its
   * history, with a checkpoint, attributed to `by`), then the catalog entry and tokens. `base`: that row
   * when a format worker already made it from `meeting`.
   */
  async create(
    meeting: MeetingJson,
    by: { role: string; tokenId?: string; note?: string } = { role: 'admin' },
    base?: Uint8Array,
  ): Promise<Omit<CreatedMeeting, 'warnings'>> {
    if (!base) {
      const doc = createMeetingDoc(meeting);
      recordInitialImport(doc, meeting);
      base = Y.encodeStateAsUpdate(doc);
      doc.destroy();
    }
    let id = newMeetingId(meeting.meta.title);
    while (this.catalog.get(id)) id = newMeetingId(meeting.meta.title);
    const changes = [{ text: by.note ?? 'Meeting created' }];
    await this.store.append(id, [base], [{ at: this.clock(), role: by.role, tokenId: by.tokenId ?? '', name: '', changes, checkpoint: base }]);
    const tokens = this.catalog.create({ id, ...summaryOf(meeting.meta, meeting.contributions.length) });
    // A catalog that writes through to another database (cluster/PgCatalog.ts): answer once it is committed.
    await settled(this.catalog);
    this.log.info({ meeting: id, title: meeting.meta.title }, 'meeting created');
    const links = this.links(id, tokens);
    const rooms = meeting.rooms?.map((r) => r.id) ?? [];
    return { id, links, ...(rooms.length ? { roomScreens: roomScreenLinks(links.screen, rooms) } : {}), tokens };
  }

  /** Every meeting, for the admin listing; a loaded meeting's fields as they are now. */
  list(): MeetingListEntry[] {
    return this.catalog.list().map((info) => {
      const room = this.rooms.get(info.id);
      const live = room ? summaryOf(readMeta(room.doc), contributionCount(room.doc)) : undefined;
      const storedAt = room?.lastStoredAt !== undefined ? new Date(room.lastStoredAt).toISOString() : undefined;
      const s = live ?? info;
      return {
        id: info.id,
        title: s.title,
        startDate: s.startDate,
        endDate: s.endDate,
        body: s.body,
        venue: s.venue,
        tdocCount: s.tdocCount,
        updatedAt: storedAt && storedAt > info.updatedAt ? storedAt : info.updatedAt,
        connected: this.connected(info.id),
        archived: info.archived,
      };
    });
  }

  /** Open sync sockets of a meeting per role. */
  connected(id: string): Record<Role, number> {
    const counts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    for (const c of this.rooms.connectionsOf(id)) if (!c.isClosed) counts[c.role]++;
    return counts;
  }

  /** The meeting's title now (the live document's when loaded). */
  title(id: string): string | undefined {
    const room = this.rooms.get(id);
    return room ? readMeta(room.doc).title : this.catalog.get(id)?.title;
  }

  /** Archives a meeting or brings it back; false for an unknown meeting. */
  setArchived(id: string, archived: boolean): boolean {
    const ok = this.catalog.setArchived(id, archived);
    if (ok) this.log.info({ meeting: id, archived }, archived ? 'meeting archived' : 'meeting unarchived');
    return ok;
  }

  /**
   * Deletes a meeting: the record and tokens first (from then on its links and exports answer as for an
   * unknown meeting), then its connections are closed with 4404 and its stored document removed.
   */
  async delete(id: string): Promise<boolean> {
    if (!this.catalog.remove(id)) return false;
    await this.rooms.discard(id, CloseCode.UnknownMeeting, CloseReason.UnknownMeeting);
    await this.store.remove(id);
    await settled(this.catalog);
    this.log.info({ meeting: id }, 'meeting deleted');
    return true;
  }

  /**
   * Merges a newer file into a meeting (importMerge.ts) through its room: applied to the live document,
   * stored, then broadcast to everyone connected, like any edit. A dry run reads only.
   */
  async importInto(id: string, meeting: MeetingJson, opts: { dryRun: boolean; by: string; actor?: Actor }): Promise<MergeSummary> {
    if (!this.jobs) {
      if (opts.dryRun) return this.rooms.withDoc(id, (doc) => mergeImport(doc, meeting, { dryRun: true }));
      return this.rooms.edit(id, (doc) => mergeImport(doc, meeting, { origin: IMPORT_ORIGIN, by: opts.by }), opts.actor);
    }
    const jobs = this.jobs;
    // Planned in a worker on the stored rows (a 10,000-Tdoc dry run took seconds of the event loop).
    if (opts.dryRun) return (await jobs.planMerge(await jobs.rowsOf(id), meeting, { dryRun: true, by: opts.by })).summary;
    const summary = await this.rooms.withRoom(id, async (room) => {
      for (let attempt = 0; ; attempt++) {
        await room.flush();
        const version = room.version;
        // Against what the room holds: with several processes the stored rows can hold another process's
        // update this room has not applied yet, and a change made on top of it would stay pending in the
        // room, then be applied with that row as stored elsewhere, and never be stored (G-PART-1, pg).
        const against = Y.encodeStateVector(room.doc);
        const plan = await jobs.planMerge({ updates: await this.rooms.readRows(id) }, meeting, { dryRun: false, by: opts.by, against });
        // Changed meanwhile: planned again on what it is now (twice at most; the change merges anyway).
        if (room.version !== version && attempt < 2) continue;
        if (plan.change) Y.applyUpdate(room.doc, plan.change, ServerActor.of(opts.actor ?? { role: 'server', tokenId: '', name: '' }));
        await room.flush();
        return plan.summary;
      }
    });
    this.log.info({ meeting: id, added: summary.added.length, updated: summary.updated.length, conflicts: summary.conflicts.length }, 'file merged');
    return summary;
  }

  /**
   * Hands out the next free number of the meeting's block (numberBlock.ts) and records it in the
   * document, through the room: calls run one at a time on the one document, so two editors revising at
   * the same moment get two numbers.
   */
  async nextNumber(id: string, actor: Actor): Promise<{ number: string } | { error: 'unset' | 'exhausted' }> {
    const now = this.clock();
    const hold = { by: actor.role, at: new Date(now).toISOString(), holder: holderOf(actor), heldUntil: now + NUMBER_HOLD_MS };
    return this.rooms.edit(id, (doc) => allocateNumber(doc, parseNumberBlock(readMeta(doc).numberBlock), hold, now), actor);
  }

  /**
   * Gives an unused handed-out number back to the meeting's block (releaseNumber): only its holder may
   * while the hold lasts ('held' for anyone else).
   */
  async releaseNumber(id: string, number: string, actor: Actor): Promise<'released' | 'in-use' | 'unknown' | 'held'> {
    return this.rooms.edit(id, (doc) => releaseNumber(doc, number, holderOf(actor), this.clock()), actor);
  }

  /** Keeps a number its holder's dialog still offers held for another NUMBER_HOLD_MS (renewNumber). */
  async renewNumber(id: string, number: string, actor: Actor): Promise<{ heldUntil: number } | 'in-use' | 'unknown' | 'held'> {
    const now = this.clock();
    const r = await this.rooms.edit(id, (doc) => renewNumber(doc, number, holderOf(actor), now + NUMBER_HOLD_MS, now), actor);
    return r === 'renewed' ? { heldUntil: now + NUMBER_HOLD_MS } : r;
  }

  /**
   * The meeting as it is now, in a format: in a format worker, cached per state, limited per token (the
   * token of the request, hashed here) and per meeting (HttpError 429 beyond).
   */
  async export(id: string, format: ExportFormat, token?: string): Promise<ExportResult> {
    const ctx = await this.exportContext?.(id, format);
    if (this.jobs) return this.jobs.export(id, format, token ? hashToken(token).toString('hex') : 'none', ctx);
    const meeting = await this.rooms.withDoc(id, (doc) => readMeeting(doc));
    return exportMeeting(meeting, format, ctx);
  }

  /** The meeting's stored state, encoded for `GET /api/meetings/:id/state` (cached while a loaded room is unchanged). */
  async state(id: string): Promise<EncodedState> {
    const loaded = this.rooms.get(id) !== undefined;
    return this.rooms.withDoc(id, (doc) => this.states.get(doc, loaded && this.rooms.get(id)?.doc === doc));
  }

  /** What the room is on now, for `GET /api/meetings/:id/live` (cached with the state's encoding). */
  async liveGlance(id: string): Promise<{ etag: string; json: Buffer; gzip: Buffer | null }> {
    return this.rooms.withDoc(id, (doc) => {
      const state = this.states.get(doc, this.rooms.get(id)?.doc === doc);
      state.glance ??= encodeGlance(readLiveGlance(doc));
      return { etag: state.etag.replace(/-v2"$/, '-live"'), ...state.glance };
    });
  }

  /**
   * New tokens for `roles` (every role by default); the connections holding the old ones are closed
   * with 4401, the other roles' connections stay. Answers every role's current link and token.
   */
  rotate(id: string, roles: readonly Role[] = ROLES): MeetingLinks {
    const tokens = this.catalog.rotate(id, roles);
    let closed = 0;
    for (const conn of this.rooms.connectionsOf(id)) {
      if (!roles.includes(conn.role)) continue;
      conn.close(CloseCode.Unauthorized, CloseReason.Revoked);
      closed++;
    }
    const screens = this.tellScreens(id, roles);
    this.log.info({ meeting: id, roles, closed, screens }, 'tokens rotated');
    return { id, links: this.links(id, tokens), tokens };
  }

  /**
   * After `roles` were replaced (here or on another process, cluster/ClusterSync.ts): when the delegate
   * link changed, this process's open room screens of the meeting are sent the new one (a message on
   * their socket, shared/followLinkMessage.ts), so their QR code changes without a reload. Screens whose
   * own link was replaced too are closed instead. Returns how many screens were told.
   */
  tellScreens(id: string, roles: readonly Role[]): number {
    if (!roles.includes('delegate') || roles.includes('screen')) return 0;
    const link = this.followLink(id);
    if (!link) return 0;
    const frame = encodeFollowLink(link);
    let told = 0;
    for (const conn of this.rooms.connectionsOf(id)) {
      if (conn.role !== 'screen' || conn.isClosed) continue;
      conn.send(frame);
      told++;
    }
    return told;
  }

  /** The delegates' link of a meeting as it is now (the room screens' QR code), or undefined for an unknown meeting. */
  followLink(id: string): string | undefined {
    const tokens = this.catalog.tokens(id);
    return tokens && this.links(id, tokens).delegate;
  }

  /** The current links and tokens of a meeting (unsealed), or undefined for an unknown meeting. */
  currentLinks(id: string): MeetingLinks | undefined {
    const tokens = this.catalog.tokens(id);
    return tokens && { id, links: this.links(id, tokens), tokens };
  }

  /**
   * `links` with the screen link of each of the meeting's rooms as `roomScreens` (issue 16), read from the
   * document as it is now (rooms are added and renamed at the board); unchanged for a meeting without rooms.
   */
  async withRoomScreens(links: MeetingLinks): Promise<MeetingLinks> {
    const rooms = await this.rooms.withDoc(links.id, (doc) => (hasRooms(doc) ? readRooms(doc).map((r) => ({ id: r.id, name: r.name })) : []));
    if (!rooms.length) return links;
    const { tokens, ...rest } = links;
    const roomNames = Object.fromEntries(rooms.map((r) => [r.id, r.name]));
    return { ...rest, roomScreens: roomScreenLinks(links.links.screen, rooms.map((r) => r.id)), roomNames, tokens };
  }

  /**
   * Keeps the catalog's record in step with the document (called when a meeting unloads): title, dates,
   * body, venue, Tdoc count, and the time of the last stored change.
   */
  syncMeta(id: string, doc: Y.Doc, lastStoredAt?: number): void {
    const known = this.catalog.get(id);
    if (!known) return;
    const now = summaryOf(readMeta(doc), contributionCount(doc));
    if ((Object.keys(now) as (keyof MeetingSummary)[]).some((k) => known[k] !== now[k])) this.catalog.updateMeta(id, now);
    if (lastStoredAt !== undefined) this.catalog.touch(id, new Date(lastStoredAt).toISOString());
  }

  private links(id: string, tokens: RoleTokens): Record<Role, string> {
    return roleLinks(this.publicUrl(), id, tokens);
  }
}

/** Who holds a number handed out to this actor: its link (token id), or the admin. */
/**
 * Meeting JSON up to this size is read on the event loop: JSON.parse and the schema check are linear and
 * take a few milliseconds here, less than handing the bytes to a format worker (and far less than starting
 * one: ~0.5 s for the first upload of a process). Every other format, and larger JSON, goes to a worker
 * (readsInline).
 */
export const READ_INLINE_JSON_BYTES = 64 * 1024;

export function readsInline(data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }): boolean {
  if (data.length > READ_INLINE_JSON_BYTES) return false;
  try {
    return (opts.format === 'auto' ? detectFormat(data, opts.fileName) : opts.format) === 'json';
  } catch {
    return false; // not a format we know: the worker says why, as for any upload
  }
}

function holderOf(actor: Actor): string {
  return actor.tokenId || actor.role;
}

function summaryOf(meta: MeetingJson['meta'], tdocCount: number): MeetingSummary {
  return { title: meta.title, startDate: meta.startDate, endDate: meta.endDate, body: meta.body ?? '', venue: meta.venue, tdocCount };
}

/** Waits for a write-through catalog's queued writes (a no-op for the SQLite catalog). */
async function settled(catalog: MeetingCatalog): Promise<void> {
  const c = catalog as MeetingCatalog & { settled?: () => Promise<void> };
  if (typeof c.settled === 'function') await c.settled();
}
