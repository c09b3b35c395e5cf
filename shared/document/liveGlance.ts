/**
 * The live glance: what the room is on now, small enough to paint before the meeting arrives. The server
 * answers it at `GET /api/meetings/:id/live` (server/meetings/liveGlance.ts); the follow link's preview
 * (client/public/preview.js) paints it, and a phone keeps the last one it saw to paint on its next visit
 * before anything arrives (client/sync/glanceCache.ts).
 */
export interface LiveGlance {
  title: string;
  banner: string;
  /** The live item, or null when nothing is live. */
  item: { id: string; label: string; title: string } | null;
  contributionId: string | null;
  /** The live item's contributions in agenda order, statuses as labels. */
  contributions: { id: string; number: string; title: string; source: string; status: string; statusLabel: string }[];
}
