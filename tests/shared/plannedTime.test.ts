/** Planned time (shared/time/plannedTime.ts): written durations, session shares, the current session, the glance line. */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/document/meetingSchema.js';
import {
  currentSession,
  formatMinutes,
  nextWallTime,
  parseDuration,
  plannedTimes,
  sessionTimes,
  timeGlance,
  wallClock,
  zonedTime,
} from '../../shared/time/plannedTime.js';

const session = (id: string, start: string, end: string, agendaItemIds: string[], date = '2026-03-02'): Session => ({
  id,
  date,
  start,
  end,
  room: '',
  code: '',
  title: id,
  agendaNote: '',
  agendaItemIds,
});

describe('parseDuration', () => {
  it.each([
    ['10 min', 600],
    ['10min', 600],
    ['1h', 3600],
    ['1 hour', 3600],
    ['90 minutes', 5400],
    ['0:30', 1800],
    ['1:15', 4500],
    ['1h30', 5400],
    ['1 h 30 min', 5400],
    ['1.5h', 5400],
    ['1,5 h', 5400],
    ['20', 1200],
    ["45'", 2700],
    ['2 hours and 15 minutes', 8100],
    ['30 s', 30],
  ])('reads %s as %i s', (text, seconds) => expect(parseDuration(text)).toBe(seconds));

  it.each(['', 'TBD', 'as needed', '10 apples', '0', '0:00', '1h xx', '-5 min'])('refuses %j', (text) => expect(parseDuration(text)).toBe(null));
});

describe('plannedTimes', () => {
  it('takes the written duration, else the share of the session less the written ones', () => {
    const agenda = [{ id: 'a', duration: '30 min' }, { id: 'b' }, { id: 'c', duration: 'TBD' }, { id: 'd' }];
    const p = plannedTimes(agenda, [session('s1', '09:00', '10:30', ['a', 'b', 'c']), session('s2', '11:00', '11:20', ['c'])]);
    expect(p.get('a')).toEqual({ seconds: 1800, from: 'duration' });
    expect(p.get('b')).toEqual({ seconds: 1800, from: 'sessions' });
    expect(p.get('c')).toEqual({ seconds: 1800 + 1200, from: 'sessions' });
    expect(p.has('d')).toBe(false);
  });

  it('gives no share from a session whose times are unknown or fully written', () => {
    const p = plannedTimes([{ id: 'a', duration: '2h' }, { id: 'b' }], [session('s', '09:00', '10:00', ['a', 'b']), session('t', '', '', ['b'])]);
    expect(p.has('b')).toBe(false);
  });
});

describe('sessions in the meeting time zone', () => {
  it('converts wall-clock times in a zone both ways', () => {
    const at = zonedTime('2026-03-02', '09:00', 'Asia/Seoul');
    expect(at).toBe(Date.UTC(2026, 2, 2, 0, 0));
    expect(wallClock(at!, 'Asia/Seoul')).toEqual({ date: '2026-03-02', time: '09:00' });
    // Across the change to summer time in Europe (2026-03-29).
    expect(zonedTime('2026-03-29', '10:00', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 8, 0));
    expect(zonedTime('2026-03-02', '25:00', 'UTC')).toBe(null);
  });

  it('finds the session going on now, and its time left', () => {
    const sessions = [session('am', '09:00', '10:30', []), session('pm', '14:00', '15:30', []), session('other', '09:30', '10:00', [])];
    const now = Date.UTC(2026, 2, 2, 1, 45); // 10:45 in Seoul: between sessions
    expect(currentSession(sessions, 'Asia/Seoul', now)).toBe(null);
    const w = currentSession(sessions, 'Asia/Seoul', Date.UTC(2026, 2, 2, 0, 40))!;
    expect(w.session.id).toBe('am');
    expect((w.endMs - Date.UTC(2026, 2, 2, 0, 40)) / 60_000).toBe(50);
    expect(currentSession(sessions, 'Asia/Seoul', Date.UTC(2026, 2, 2, 0, 40), 'other')!.session.id).toBe('other');
  });

  it('places "until 10:30" today, or tomorrow once 10:30 has passed', () => {
    const nine = Date.UTC(2026, 2, 2, 0, 0); // 09:00 Seoul
    expect(nextWallTime('10:30', 'Asia/Seoul', nine)).toBe(Date.UTC(2026, 2, 2, 1, 30));
    expect(nextWallTime('08:00', 'Asia/Seoul', nine)).toBe(Date.UTC(2026, 2, 2, 23, 0));
    expect(nextWallTime('nope', 'Asia/Seoul', nine)).toBe(null);
  });

  it('sums planned against spent per session and counts the items not taken', () => {
    const spent: Record<string, number> = { a: 1200, b: 10, c: 0 };
    const [t] = sessionTimes([session('s', '09:00', '10:00', ['a', 'b', 'c', 'd'])], (id) => spent[id] ?? 0, new Set(['d']));
    expect(t).toEqual({ id: 's', plannedSeconds: 3600, spentSeconds: 1210, itemsLeft: 2 });
  });
});

describe('the glance line', () => {
  it('says how far over the live item is and what is left of the session', () => {
    expect(timeGlance({ live: { label: '5.2', planned: 600, spent: 600 + 14 * 60 }, session: { leftSeconds: 1500, itemsLeft: 3 } })).toBe(
      '14 min over on 5.2 · 3 items left in this session · session ends in 25 min',
    );
    expect(timeGlance({ live: { label: '5.3', planned: 600, spent: 120 } })).toBe('8 min left on 5.3');
    expect(timeGlance({ live: { label: '6', spent: 45 }, session: { leftSeconds: 4000, itemsLeft: 1 } })).toBe('45 s on 6 · 1 item left in this session · session ends in 1 h 07 min');
    expect(formatMinutes(0)).toBe('0 s');
  });
});
