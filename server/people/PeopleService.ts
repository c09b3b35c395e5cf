/**
 * What the routes do with a meeting's registered people (issue 24): bring in a registration list (read in
 * a format worker, merged in the registry), list them with their links, replace one person's link (their
 * sockets closed, nobody else's), set where someone takes part, and the attendance sheet, its CSV and
 * .xlsx and the report's part of it (without e-mail addresses).
 *
 * The document learns only counts (`registration`: how many people, how many organisations), written by
 * the server through the meeting's room like any edit, so the phones know whether the shared link may
 * still queue and vote.
 */
import { loadExcel } from '../../shared/formats/lazyLibraries.js';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { CloseCode, CloseReason } from '../../shared/closeReasons.js';
import { readMeta } from '../../shared/document/meetingParts.js';
import { readAll } from '../../shared/document/entityStore.js';
import { neutraliseFormula } from '../../shared/formats/csvFormula.js';
import { ImportError } from '../../shared/formats/types.js';
import { parseRegistrationList, personKey, type Place, type RegistrationList } from '../../shared/formats/registrationList.js';
import {
  attendanceCounts,
  attendanceEntries,
  attendanceReport,
  attendanceSessions,
  type AttendanceEntry,
  type AttendanceReport,
  type AttendanceSession,
} from '../../shared/participation/attendance.js';
import { setRegistration } from '../../shared/participation/registration.js';
import { roleLink } from '../access/roles.js';
import type { AttendanceStore } from '../persistence/AttendanceStore.js';
import type { RoomRegistry } from '../sync/RoomRegistry.js';
import { ServerActor } from '../sync/RoomRecorder.js';
import type { AttendanceTracker } from './AttendanceTracker.js';
import type { PeopleRegistry, Person } from './PeopleRegistry.js';
import type { MailStatus, PersonMail } from './PersonMail.js';

/** A person as the secretary's routes answer: CONTRACT.md §3's fields, then ours. */
export interface PersonJson {
  id: string;
  name: string;
  organisation: string;
  email: string;
  /** Their own follow link. */
  link: string;
  where: Place;
  mail: { state: Person['mailState']; at: string; error: string };
  /** A socket of their link is open on this process now. */
  connected: boolean;
}

export interface PeopleImport {
  added: number;
  updated: number;
  unchanged: number;
  /** Registered people this list does not name (kept). */
  missing: number;
  duplicates: RegistrationList['duplicates'];
  skipped: RegistrationList['skipped'];
  columns: RegistrationList['columns'];
  people: PersonJson[];
}

/** Who asks (the record names them). */
export interface Caller {
  role: string;
  tokenId?: string;
}

export interface AttendanceSheet {
  sessions: AttendanceSession[];
  entries: AttendanceEntry[];
  people: Map<string, Person>;
}

export interface PeopleServiceDeps {
  registry: PeopleRegistry;
  rooms: RoomRegistry;
  attendance: AttendanceStore;
  tracker: AttendanceTracker;
  log: Logger;
  publicUrl: () => string;
  /** Sends people their links (set when the server has SMTP settings; PersonMail.ts). */
  mail?: PersonMail;
  /** Reads a registration list off the event loop (FormatJobs.readPeople); on this thread without it. */
  readList?: (data: Uint8Array, opts: { fileName?: string; contentType?: string }) => Promise<RegistrationList>;
}

export class PeopleService {
  constructor(private readonly d: PeopleServiceDeps) {}

  get registry(): PeopleRegistry {
    return this.d.registry;
  }

  /** Reads a registration list and merges it into the meeting's people (ImportError for a bad list). */
  async importList(meetingId: string, data: Uint8Array, opts: { fileName?: string; contentType?: string }, by: Caller): Promise<PeopleImport> {
    const list = this.d.readList ? await this.d.readList(data, opts) : await parseRegistrationList(data, opts);
    if (!list.rows.length && !list.duplicates.length) {
      throw new ImportError(`the list names nobody (${list.skipped.length ? `${list.skipped.length} rows without a name` : 'no rows under its header'})`);
    }
    const merged = this.d.registry.merge(meetingId, list.rows);
    await this.publishCounts(meetingId, by, `Registration list: ${merged.added.length} added, ${merged.updated.length} updated`);
    this.d.log.info({ meeting: meetingId, added: merged.added.length, updated: merged.updated.length, duplicates: list.duplicates.length }, 'registration list merged');
    return {
      added: merged.added.length,
      updated: merged.updated.length,
      unchanged: merged.unchanged.length,
      missing: merged.missing,
      duplicates: list.duplicates,
      skipped: list.skipped,
      columns: list.columns,
      people: this.list(meetingId),
    };
  }

  /** The meeting's people with their links (the secretary's view). */
  list(meetingId: string): PersonJson[] {
    const tokens = this.d.registry.tokens(meetingId);
    const present = this.d.tracker.presentIn(meetingId);
    return this.d.registry.list(meetingId).map((p) => this.json(p, tokens.get(p.id) ?? '', present.has(p.id)));
  }

  /** One person's link. */
  link(meetingId: string, token: string): string {
    return roleLink(this.d.publicUrl(), meetingId, 'delegate', token);
  }

  /**
   * Replaces one person's link: the old one answers "this link was replaced" from now on and its open
   * sockets on this process close with 4401 (other processes hear of it: cluster/PgPeople.ts). Undefined
   * for an unknown person.
   */
  rotate(meetingId: string, personId: string): string | undefined {
    const token = this.d.registry.rotate(meetingId, personId);
    if (!token) return undefined;
    const closed = this.closeHolders(meetingId, [personId]);
    this.d.log.info({ meeting: meetingId, person: personId, closed }, "a person's link replaced");
    return this.link(meetingId, token);
  }

  /** Closes the sockets of these people's links (their link was replaced); answers how many. */
  closeHolders(meetingId: string, personIds: readonly string[]): number {
    const ids = new Set(personIds);
    let closed = 0;
    for (const conn of this.d.rooms.connectionsOf(meetingId)) {
      if (!conn.person || !ids.has(conn.person.id)) continue;
      conn.close(CloseCode.Unauthorized, CloseReason.Replaced);
      closed++;
    }
    return closed;
  }

  /** Removes a person (their link stops like a replaced one); false for an unknown person. */
  async remove(meetingId: string, personId: string, by: Caller): Promise<boolean> {
    if (!this.d.registry.remove(meetingId, personId)) return false;
    this.closeHolders(meetingId, [personId]);
    await this.publishCounts(meetingId, by, 'A registered person removed');
    return true;
  }

  /** How sending the links by mail stands. */
  mailStatus(meetingId: string): MailStatus {
    return this.d.mail?.status(meetingId) ?? { configured: false, running: false, total: 0, sent: 0, refused: 0, pending: 0 };
  }

  /** Starts sending each person not yet sent their link (a background job). */
  sendLinks(meetingId: string): MailStatus {
    return this.d.mail ? this.d.mail.start(meetingId) : this.mailStatus(meetingId);
  }

  /** A person acted from their link (a queue or poll request): they count as present now. */
  seenFrom(meetingId: string, personId: string): void {
    this.d.tracker.seen(meetingId, personId);
  }

  /** Sets where a person takes part; their attendance from now on is counted there. */
  setPlace(meetingId: string, personId: string, place: Place): boolean {
    if (!this.d.registry.setPlace(meetingId, personId, place)) return false;
    this.d.tracker.placeChanged(meetingId, personId);
    return true;
  }

  /** The secretary's "was there" for a person in a session (place null: the mark removed). */
  async mark(meetingId: string, personId: string, sessionId: string, place: Place | null): Promise<void> {
    await this.d.attendance.setMark(meetingId, personId, sessionId, place);
  }

  /** Forgets a deleted meeting's people and attendance. */
  async removeMeeting(meetingId: string): Promise<void> {
    this.d.registry.removeMeeting(meetingId);
    await this.d.attendance.removeMeeting(meetingId);
  }

  /** The links for the body's mail merge: name, organisation, e-mail, link; formula cells neutralised. */
  linksCsv(meetingId: string): string {
    const rows = this.list(meetingId).map((p) => [p.name, p.organisation, p.email, p.link]);
    return csv([['name', 'organisation', 'email', 'link'], ...rows]);
  }

  /** Who attended which session (this process's spans written first, so what it saw is in). */
  async sheet(meetingId: string): Promise<AttendanceSheet> {
    await this.d.tracker.flush();
    const [spans, marks, schedule] = await Promise.all([
      this.d.attendance.spans(meetingId),
      this.d.attendance.marks(meetingId),
      this.d.rooms.withDoc(meetingId, (doc) => scheduleOf(doc)),
    ]);
    const people = new Map(this.d.registry.list(meetingId).map((p) => [p.id, p]));
    const sessions = attendanceSessions(schedule.sessions, schedule.timezone, schedule.startDate, schedule.endDate);
    const entries = attendanceEntries(
      sessions,
      spans.filter((s) => people.has(s.personId)).map((s) => ({ personId: s.personId, from: s.fromMs, to: s.toMs, place: s.place })),
      marks.filter((m) => people.has(m.personId)),
      (id) => people.get(id)?.place ?? '',
    );
    return { sessions, entries, people };
  }

  /** Counts per session for the board, and each person's sessions. */
  async attendanceJson(meetingId: string) {
    const s = await this.sheet(meetingId);
    const counts = attendanceCounts(s.sessions, s.entries);
    return {
      sessions: s.sessions.map((x, i) => ({ id: x.id, label: x.label, date: x.date, start: x.start, end: x.end, room: counts[i].room, remote: counts[i].remote })),
      entries: s.entries.map((e) => ({ personId: e.personId, sessionId: e.sessionId, firstSeen: iso(e.firstSeen), lastSeen: iso(e.lastSeen), where: e.place, marked: e.marked })),
    };
  }

  /** `attendance.csv`: CONTRACT.md §3's header, one row per person per session attended. */
  async attendanceCsv(meetingId: string): Promise<string> {
    return csv([ATTENDANCE_HEADER, ...(await this.attendanceRows(meetingId))]);
  }

  /** The same rows as an .xlsx sheet `Attendance`. */
  async attendanceXlsx(meetingId: string): Promise<Uint8Array> {
    const ExcelJS = await loadExcel();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Attendance');
    ws.addRow(ATTENDANCE_HEADER);
    for (const r of await this.attendanceRows(meetingId)) ws.addRow(r.map((c) => ({ richText: [{ text: c }] }) as never));
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((c, i) => (c.width = [28, 28, 30, 12, 12, 22, 22, 8][i]));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  /** The report's attendance: names, organisations, where and sessions; no e-mail, no link. */
  async report(meetingId: string): Promise<AttendanceReport | undefined> {
    if (this.d.registry.count(meetingId) === 0) return undefined;
    const s = await this.sheet(meetingId);
    return attendanceReport(s.sessions, s.entries, new Map([...s.people].map(([id, p]) => [id, { name: p.name, organisation: p.organisation }])));
  }

  private async attendanceRows(meetingId: string): Promise<string[][]> {
    const s = await this.sheet(meetingId);
    const byId = new Map(s.sessions.map((x) => [x.id, x]));
    return s.entries.map((e) => {
      const p = s.people.get(e.personId)!;
      const session = byId.get(e.sessionId)!;
      return [p.name, p.organisation, p.email, session.label, session.date, iso(e.firstSeen), iso(e.lastSeen), e.place];
    });
  }

  /** Writes how many people and organisations are registered into the document (through the room). */
  private async publishCounts(meetingId: string, by: Caller, note: string): Promise<void> {
    const people = this.d.registry.list(meetingId);
    const organisations = new Set(people.map((p) => personKey(p.organisation)).filter(Boolean)).size;
    await this.d.rooms.edit(meetingId, (doc) => {
      doc.transact(() => setRegistration(doc, { people: people.length, organisations }), new ServerActor(by.role, by.tokenId ?? '', note));
    });
  }

  private json(p: Person, token: string, connected: boolean): PersonJson {
    return {
      id: p.id,
      name: p.name,
      organisation: p.organisation,
      email: p.email,
      link: token ? this.link(p.meetingId, token) : '',
      where: p.place,
      mail: { state: p.mailState, at: p.mailAt, error: p.mailError },
      connected,
    };
  }
}

/** CONTRACT.md §3: the header of `attendance.csv`. */
export const ATTENDANCE_HEADER = ['name', 'organisation', 'email', 'session', 'date', 'first_seen', 'last_seen', 'where'];

function scheduleOf(doc: Y.Doc) {
  const meta = readMeta(doc);
  return { sessions: readAll(doc, 'sessions'), timezone: meta.timezone, startDate: meta.startDate, endDate: meta.endDate };
}

function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** RFC 4180 CSV, every cell neutralised as a formula would be (G-EXP-1), CRLF line ends. */
function csv(rows: string[][]): string {
  const cell = (c: string) => {
    const v = neutraliseFormula(c);
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
