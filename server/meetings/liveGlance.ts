/**
 * `GET /api/meetings/:id/live`: what the room is on now, small enough to paint before the meeting arrives.
 * A phone opening the follow link shows the live item's Tdocs from this (a few KB) while the whole meeting
 * (tens of KB compressed, and seconds of a slow phone's CPU to apply) loads behind it. Read-only, for any
 * token of the meeting, like the state; cached per document state with the same lifetime.
 */
import { gzipSync } from 'node:zlib';
import type * as Y from 'yjs';
import { readAllFields, readEntry, table } from '../../shared/document/entityStore.js';
import { readLive, readMeta, readStatuses } from '../../shared/document/meetingParts.js';
import type { LiveGlance } from '../../shared/document/liveGlance.js';

export type { LiveGlance };

/** Reads the glance from a document (the live item's rows only: no other row is turned into an object). */
export function readLiveGlance(doc: Y.Doc): LiveGlance {
  const meta = readMeta(doc);
  const live = readLive(doc);
  const labels = new Map(readStatuses(doc).map((s) => [s.id, s.label]));
  const itemEntry = live.agendaItemId ? readEntry('agenda', live.agendaItemId, table(doc, 'agenda').get(live.agendaItemId)) : null;
  const rows = itemEntry
    ? readAllFields(doc, 'contributions', ['agendaItemId', 'rank', 'number', 'title', 'source', 'status'])
        .filter((c) => c.agendaItemId === itemEntry.id)
        .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1))
    : [];
  return {
    title: meta.title,
    banner: live.banner,
    item: itemEntry ? { id: itemEntry.id, label: itemEntry.label, title: itemEntry.title } : null,
    contributionId: live.contributionId,
    contributions: rows.map((c) => ({ id: c.id, number: c.number, title: c.title, source: c.source, status: c.status, statusLabel: labels.get(c.status) ?? c.status })),
  };
}

/** The glance as JSON, and gzipped when that is smaller (bodies are a few KB: compressing costs ~0.1 ms). */
export function encodeGlance(glance: LiveGlance): { json: Buffer; gzip: Buffer | null } {
  const json = Buffer.from(JSON.stringify(glance), 'utf8');
  const gz = json.length > 512 ? gzipSync(json, { level: 6 }) : null;
  return { json, gzip: gz && gz.length < json.length ? gz : null };
}
