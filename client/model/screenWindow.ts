/**
 * Which slice of the live item's contributions fits on the room's screen (no scrollbars): all of them when
 * they fit, otherwise a window that keeps the current one in view, a third of the way down so the room
 * sees what comes next.
 */
export function screenWindow(total: number, current: number, fits: number): { start: number; end: number } {
  const n = Math.max(1, fits);
  if (total <= n) return { start: 0, end: total };
  if (current < 0) return { start: 0, end: n };
  const start = Math.max(0, Math.min(total - n, current - Math.floor(n / 3)));
  return { start, end: start + n };
}
