/** Attendance in PostgreSQL (DATABASE_URL): the same tables as SQLite's (pgDatabase.ts migration 5). */
import type { AttendanceStore, StoredMark, StoredSpan } from './AttendanceStore.js';
import { inTransaction, type PgPool } from './pgDatabase.js';

export class PgAttendanceStore implements AttendanceStore {
  constructor(private readonly pool: PgPool) {}

  writeSpans(spans: readonly StoredSpan[]): Promise<number[]> {
    return inTransaction(this.pool, async (c) => {
      const ids: number[] = [];
      for (const s of spans) {
        if (s.id !== undefined) {
          await c.query('UPDATE attendance_spans SET to_ms = $1, place = $2 WHERE id = $3', [s.toMs, s.place, s.id]);
          ids.push(s.id);
        } else {
          const r = await c.query<{ id: string }>(
            'INSERT INTO attendance_spans (meeting_id, person_id, from_ms, to_ms, place, via) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
            [s.meetingId, s.personId, s.fromMs, s.toMs, s.place, s.via],
          );
          ids.push(Number(r.rows[0].id));
        }
      }
      return ids;
    });
  }

  async spans(meetingId: string): Promise<StoredSpan[]> {
    const r = await this.pool.query<{ id: string; meeting_id: string; person_id: string; from_ms: string; to_ms: string; place: string; via: string }>(
      'SELECT * FROM attendance_spans WHERE meeting_id = $1 ORDER BY person_id, from_ms',
      [meetingId],
    );
    return r.rows.map((x) => ({ id: Number(x.id), meetingId: x.meeting_id, personId: x.person_id, fromMs: Number(x.from_ms), toMs: Number(x.to_ms), place: x.place, via: x.via }));
  }

  async marks(meetingId: string): Promise<StoredMark[]> {
    const r = await this.pool.query<{ person_id: string; session_id: string; place: string; added_at: string }>('SELECT * FROM attendance_marks WHERE meeting_id = $1', [meetingId]);
    return r.rows.map((x) => ({ personId: x.person_id, sessionId: x.session_id, place: x.place, addedAt: x.added_at }));
  }

  async setMark(meetingId: string, personId: string, sessionId: string, place: string | null): Promise<void> {
    if (place === null) await this.pool.query('DELETE FROM attendance_marks WHERE meeting_id = $1 AND person_id = $2 AND session_id = $3', [meetingId, personId, sessionId]);
    else {
      await this.pool.query(
        `INSERT INTO attendance_marks (meeting_id, person_id, session_id, place, added_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (meeting_id, person_id, session_id) DO UPDATE SET place = excluded.place`,
        [meetingId, personId, sessionId, place, new Date().toISOString()],
      );
    }
  }

  async removeMeeting(meetingId: string): Promise<void> {
    await inTransaction(this.pool, async (c) => {
      await c.query('DELETE FROM attendance_spans WHERE meeting_id = $1', [meetingId]);
      await c.query('DELETE FROM attendance_marks WHERE meeting_id = $1', [meetingId]);
    });
  }
}
