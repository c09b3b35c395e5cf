/**
 * What the HTTP API and the command line do with meetings: create one from an uploaded file, list,
 * export, rotate tokens. Ties the catalog (metadata, tokens), the store (documents) and the loaded rooms.
 */
import * as Y from 'yjs';
import type { Logger } from 'pino';
import { createMeetingDoc, readMeeting, readMeta } from '../shared/meetingDoc.js';
import type { MeetingJson } from '../shared/meetingSchema.js';
import { newMeetingId } from '../shared/meetingId.js';
import {
  exportMeeting,
  importMeeting,
  type ExportFormat,
  type ExportResult,
  type ImportFormat,
  type ImportWarning,
} from '../shared/formats/index.js';
import { CloseCode, CloseReason } from '../shared/closeReasons.js';
import type { DocStore } from './persistence/DocStore.js';
import type { MeetingCatalog, MeetingInfo, RoleTokens } from './MeetingCatalog.js';
import type { RoomRegistry } from './RoomRegistry.js';
import { roleLinks, type Role } from './roles.js';
import { hashToken } from './tokens.js';
import type { FormatJobs } from './jobs/FormatJobs.js';

export interface CreatedMeeting {
  id: string;
  links: Record<Role, string>;
  tokens: RoleTokens;
  warnings: ImportWarning[];
}

export class MeetingService {
  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly store: DocStore,
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** Base of the links handed out (PUBLIC_URL); a function because port 0 is known only after listen. */
    private readonly publicUrl: () => string,
    /** The format workers; without them imports and exports run on the calling thread (tools, tests). */
    private readonly jobs?: FormatJobs,
  ) {}

  /** Imports a file (ImportError on bad input) and creates a meeting from it. */
  async createFromFile(data: Uint8Array, opts: { format: ImportFormat | 'auto'; fileName?: string }): Promise<CreatedMeeting> {
    if (this.jobs) {
      const { base, meta, warnings } = await this.jobs.import(data, opts);
      return { ...(await this.createFromBase(base, meta)), warnings };
    }
    const { meeting, warnings } = await importMeeting(data, opts);
    return { ...(await this.create(meeting)), warnings };
  }

  /** Creates a meeting from valid meeting JSON: the document's base row first, then the record and tokens. */
  async create(meeting: MeetingJson): Promise<Omit<CreatedMeeting, 'warnings'>> {
    const doc = createMeetingDoc(meeting);
    const base = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return this.createFromBase(base, meeting.meta);
  }

  private async createFromBase(base: Uint8Array, meta: { title: string; startDate: string; endDate: string }): Promise<Omit<CreatedMeeting, 'warnings'>> {
    let id = newMeetingId(meta.title);
    while (this.catalog.get(id)) id = newMeetingId(meta.title);
    await this.store.append(id, [base]);
    const tokens = this.catalog.create({ id, title: meta.title, startDate: meta.startDate, endDate: meta.endDate });
    this.log.info({ meeting: id, title: meta.title }, 'meeting created');
    return { id, links: this.links(id, tokens), tokens };
  }

  /** Every meeting, for the admin listing; a loaded meeting's title and dates as they are now. */
  list(): Pick<MeetingInfo, 'id' | 'title' | 'startDate' | 'endDate'>[] {
    return this.catalog.list().map(({ id, title, startDate, endDate }) => {
      const room = this.rooms.get(id);
      if (!room) return { id, title, startDate, endDate };
      const meta = readMeta(room.doc);
      return { id, title: meta.title, startDate: meta.startDate, endDate: meta.endDate };
    });
  }

  /**
   * The meeting as it is now, in a format: in a format worker, cached per state, limited per token (the
   * token of the request, hashed here) and per meeting (HttpError 429 beyond).
   */
  async export(id: string, format: ExportFormat, token?: string): Promise<ExportResult> {
    if (this.jobs) return this.jobs.export(id, format, token ? hashToken(token).toString('hex') : 'none');
    const meeting = await this.rooms.withDoc(id, (doc) => readMeeting(doc));
    return exportMeeting(meeting, format);
  }

  /** New tokens for every role; connections holding the old ones are closed with 4401. */
  rotate(id: string): { id: string; links: Record<Role, string>; tokens: RoleTokens } {
    const tokens = this.catalog.rotate(id);
    let closed = 0;
    // Every open connection of the meeting holds an old token now (all roles rotate at once).
    for (const conn of this.rooms.connectionsOf(id)) {
      conn.close(CloseCode.Unauthorized, CloseReason.Revoked);
      closed++;
    }
    this.log.info({ meeting: id, closed }, 'tokens rotated');
    return { id, links: this.links(id, tokens), tokens };
  }

  /** The current links of a meeting (tokens unsealed), or undefined for an unknown meeting. */
  currentLinks(id: string): Record<Role, string> | undefined {
    const tokens = this.catalog.tokens(id);
    return tokens && this.links(id, tokens);
  }

  /** Keeps the catalog's title and dates in step with the document (called when a meeting unloads). */
  syncMeta(id: string, doc: Y.Doc): void {
    const meta = readMeta(doc);
    const known = this.catalog.get(id);
    if (known && (known.title !== meta.title || known.startDate !== meta.startDate || known.endDate !== meta.endDate)) {
      this.catalog.updateMeta(id, { title: meta.title, startDate: meta.startDate, endDate: meta.endDate });
    }
  }

  private links(id: string, tokens: RoleTokens): Record<Role, string> {
    return roleLinks(this.publicUrl(), id, tokens);
  }
}
