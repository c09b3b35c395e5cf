/**
 * An e-mail approval deadline as people read it (issue 26): stored in UTC, shown in the venue's time zone
 * and, when it differs, in the reader's own; with the time left or since it passed.
 */

/** 'Fri 6 Mar 12:00' in a zone (the zone's own when it is not one the browser knows: UTC). */
export function wallTime(iso: string, zone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return d.toLocaleString('en-GB', { ...opts, timeZone: zone || 'UTC' }).replace(',', '');
  } catch {
    return d.toLocaleString('en-GB', { ...opts, timeZone: 'UTC' }).replace(',', '');
  }
}

/** '3 h 20 min', '2 days 4 h', '45 s'. */
export function spanText(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h${min % 60 ? ` ${min % 60} min` : ''}`;
  return `${Math.floor(h / 24)} days${h % 24 ? ` ${h % 24} h` : ''}`;
}

export interface DeadlineText {
  /** In the venue's zone, with the zone: 'Fri 6 Mar 12:00 (Asia/Seoul)'. */
  venue: string;
  /** In the reader's zone when it differs from the venue's: 'Fri 6 Mar 04:00 your time'; '' otherwise. */
  mine: string;
  /** 'in 3 h 20 min' or 'passed 5 min ago'. */
  left: string;
  passed: boolean;
}

/** The deadline in the venue's zone and the reader's, and the time left at `nowMs` (the server's clock). */
export function deadlineText(iso: string, venueZone: string, nowMs: number, readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone): DeadlineText {
  const at = Date.parse(iso);
  const zone = venueZone || 'UTC';
  const venue = `${wallTime(iso, zone)} (${zone})`;
  const mine = readerZone && wallTime(iso, readerZone) !== wallTime(iso, zone) ? `${wallTime(iso, readerZone)} your time` : '';
  const passed = at <= nowMs;
  return { venue, mine, left: passed ? `passed ${spanText(nowMs - at)} ago` : `in ${spanText(at - nowMs)}`, passed };
}

/** What each round state is called. */
export const ROUND_STATE_LABELS: Record<string, string> = {
  open: 'Open',
  objection: 'Objection',
  revised: 'Revised',
  approved: 'Approved',
  'not-approved': 'Not approved',
  'to-call': 'To a conference call',
  withdrawn: 'Withdrawn',
};

/** "Mon 10:32" in a zone (the text as is when it is not a time). */
export function shortTime(iso: string, zone: string | undefined): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return d.toLocaleString('en-GB', { ...opts, timeZone: zone || undefined });
  } catch {
    return d.toLocaleString('en-GB', opts);
  }
}
