/** The board's time view model (client/model/timeSummary.ts) on a fixed server time. */
import { describe, expect, it } from 'vitest';
import type { Session } from '../../shared/document/meetingSchema.js';
import { timeSummary } from '../../client/model/timeSummary.js';

const session: Session = {
  id: 's1',
  date: '2026-03-02',
  start: '09:00',
  end: '10:30',
  room: 'Kumkang 3',
  code: 'S1',
  title: 'Opening',
  agendaNote: '',
  agendaItemIds: ['a', 'b', 'c', 'd'],
};
const agenda = [
  { id: 'a', label: '5.1', title: 'A', duration: '10 min', spentSeconds: 600 },
  { id: 'b', label: '5.2', title: 'B', duration: '10 min', spentSeconds: 600 },
  { id: 'c', label: '5.3', title: 'C' },
  { id: 'd', label: '5.4', title: 'D' },
  { id: 'e', label: '6', title: 'E' },
];

describe('timeSummary', () => {
  it('tells the chair how far over the live item is and what is left of the session', () => {
    const now = Date.UTC(2026, 2, 2, 0, 5); // 09:05 in Seoul
    const s = timeSummary({
      agenda,
      sessions: [session],
      running: new Map([['b', now - 14 * 60_000]]),
      live: { agendaItemId: 'b', sessionId: null },
      timezone: 'Asia/Seoul',
      nowMs: now,
    });
    expect(s.live).toMatchObject({ label: '5.2', planned: 600, spent: 600 + 14 * 60, running: true });
    expect(s.items.find((i) => i.id === 'c')).toMatchObject({ planned: 35 * 60, plannedFrom: 'sessions', spent: 0 });
    expect(s.items.find((i) => i.id === 'e')?.planned).toBeUndefined();
    expect(s.current).toMatchObject({ id: 's1', leftSeconds: 85 * 60, itemsLeft: 2 });
    expect(s.sessions[0]).toMatchObject({ plannedSeconds: 90 * 60, spentSeconds: 600 + 600 + 14 * 60, current: true });
    expect(s.glance).toBe('14 min over on 5.2 · 2 items left in this session · session ends in 1 h 25 min');
  });

  it('has no current session between sessions, and no line with nothing live', () => {
    const s = timeSummary({ agenda, sessions: [session], running: new Map(), live: { agendaItemId: null, sessionId: null }, timezone: 'Asia/Seoul', nowMs: Date.UTC(2026, 2, 2, 5, 0) });
    expect(s.current).toBe(null);
    expect(s.glance).toBe('');
  });
});
