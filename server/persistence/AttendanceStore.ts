/**
 * Where attendance is kept (issue 24): spans of time a registered person was seen, and the secretary's
 * marks, in the database (SQLite here, PostgreSQL in PgAttendanceStore.ts), so several processes add up
 * and a restart loses nothing that was written. server/people/AttendanceTracker.ts decides what and when.
 */
import type { Db } from './openDatabase.js';

/** One span as stored; `id` is set once it was written. */
export interface StoredSpan {
  id?: number;
  meetingId: string;
  personId: string;
  fromMs: number;
  toMs: number;
  place: string;
  via: string;
}

export interface StoredMark {
  personId: string;
  sessionId: string;
  place: string;
  addedAt: string;
}

export interface AttendanceStore {
  /** Inserts the spans without an id and updates the others; answers the ids in the same order. */
  writeSpans(spans: readonly StoredSpan[]): Promise<number[]>;
  /** Every span of a meeting. */
  spans(meetingId: string): Promise<StoredSpan[]>;
  marks(meetingId: string): Promise<StoredMark[]>;
  /** Sets (place given) or removes (null) the secretary's mark of a person in a session. */
  setMark(meetingId: string, personId: string, sessionId: string, place: string | null): Promise<void>;
  /** Forgets a deleted meeting's attendance. */
  removeMeeting(meetingId: string): Promise<void>;
}

/** Attendance in the SQLite file (the catalog's database). */
export class SqliteAttendanceStore implements AttendanceStore {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      insert: db.prepare('INSERT INTO attendance_spans (meeting_id, person_id, from_ms, to_ms, place, via) VALUES (?, ?, ?, ?, ?, ?)'),
      update: db.prepare('UPDATE attendance_spans SET to_ms = ?, place = ? WHERE id = ?'),
      spans: db.prepare<[string], { id: number; meeting_id: string; person_id: string; from_ms: number; to_ms: number; place: string; via: string }>(
        'SELECT * FROM attendance_spans WHERE meeting_id = ? ORDER BY person_id, from_ms',
      ),
      marks: db.prepare<[string], { person_id: string; session_id: string; place: string; added_at: string }>('SELECT * FROM attendance_marks WHERE meeting_id = ?'),
      setMark: db.prepare(
        `INSERT INTO attendance_marks (meeting_id, person_id, session_id, place, added_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (meeting_id, person_id, session_id) DO UPDATE SET place = excluded.place`,
      ),
      removeMark: db.prepare('DELETE FROM attendance_marks WHERE meeting_id = ? AND person_id = ? AND session_id = ?'),
      removeSpans: db.prepare('DELETE FROM attendance_spans WHERE meeting_id = ?'),
      removeMarks: db.prepare('DELETE FROM attendance_marks WHERE meeting_id = ?'),
    };
  }

  async writeSpans(spans: readonly StoredSpan[]): Promise<number[]> {
    const ids: number[] = [];
    this.db.transaction(() => {
      for (const s of spans) {
        if (s.id !== undefined) {
          this.q.update.run(s.toMs, s.place, s.id);
          ids.push(s.id);
        } else {
          ids.push(Number(this.q.insert.run(s.meetingId, s.personId, s.fromMs, s.toMs, s.place, s.via).lastInsertRowid));
        }
      }
    })();
    return ids;
  }

  async spans(meetingId: string): Promise<StoredSpan[]> {
    return this.q.spans.all(meetingId).map((r) => ({ id: r.id, meetingId: r.meeting_id, personId: r.person_id, fromMs: r.from_ms, toMs: r.to_ms, place: r.place, via: r.via }));
  }

  async marks(meetingId: string): Promise<StoredMark[]> {
    return this.q.marks.all(meetingId).map((r) => ({ personId: r.person_id, sessionId: r.session_id, place: r.place, addedAt: r.added_at }));
  }

  async setMark(meetingId: string, personId: string, sessionId: string, place: string | null): Promise<void> {
    if (place === null) this.q.removeMark.run(meetingId, personId, sessionId);
    else this.q.setMark.run(meetingId, personId, sessionId, place, new Date().toISOString());
  }

  async removeMeeting(meetingId: string): Promise<void> {
    this.db.transaction(() => {
      this.q.removeSpans.run(meetingId);
      this.q.removeMarks.run(meetingId);
    })();
  }
}
