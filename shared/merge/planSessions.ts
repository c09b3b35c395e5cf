/**
 * The import merge's last phases (importMerge.ts): the sessions (matched by date and start) and the
 * meeting's meta, both only filled in where the meeting has them empty.
 */
import type { Meta, Session } from '../document/meetingSchema.js';
import { readAll } from '../document/entityStore.js';
import { readMeta, setMeta } from '../document/meetingParts.js';
import { addEntity, updateEntity } from '../document/entityOps.js';
import { newId } from '../document/ids.js';
import type { FieldChange, MergeContext } from './mergeTypes.js';

/** Meta fields an import fills in when the meeting has them empty. */
const META_FILL = ['title', 'startDate', 'endDate', 'venue', 'chair', 'secretary', 'body'] as const;
/** Session fields an import fills in when they are empty. */
const SESSION_FILL = ['end', 'room', 'code', 'title', 'agendaNote'] as const;

/**
 * Sessions: matched by date and start; a new one is added (its items found by number), a matched one
 * gets its empty fields filled. The time plan is the agenda's to give, so no conflicts here. `itemId`:
 * file item id → the document's (the agenda phase's).
 */
export function planSessions(ctx: MergeContext, itemId: Map<string, string>): void {
  const { doc, imported, summary, ops } = ctx;
  if (!imported.sessions.length) return;
  const docSessions = readAll(doc, 'sessions');
  const keyOf = (s: Pick<Session, 'date' | 'start'>) => `${s.date} ${s.start}`;
  const used = new Set<string>();
  // Parallel sessions share a date and start: among those not matched yet, the one most alike (room,
  // code, title), else the first in order.
  const matchOf = (s: Session): Session | undefined => {
    if (!s.date || !s.start) return undefined;
    const candidates = docSessions.filter((d) => !used.has(d.id) && d.date === s.date && d.start === s.start);
    const score = (d: Session) => Number(d.room === s.room) + Number(d.code === s.code) + Number(d.title === s.title);
    return candidates.sort((a, b) => score(b) - score(a))[0];
  };
  for (const s of imported.sessions) {
    const items = s.agendaItemIds.map((x) => itemId.get(x)).filter((x): x is string => x !== undefined);
    const label = s.code || keyOf(s);
    const hit = matchOf(s);
    if (hit) used.add(hit.id);
    if (!hit) {
      const id = newId();
      summary.added.push({ kind: 'session', id, label, title: s.title });
      ops.push(() => void addEntity(doc, 'sessions', { ...s, id, agendaItemIds: items }));
      continue;
    }
    const changes: FieldChange[] = [];
    for (const f of SESSION_FILL) if (!hit[f] && s[f]) changes.push({ field: f, from: hit[f], to: s[f] });
    if (!hit.agendaItemIds.length && items.length) changes.push({ field: 'agendaItemIds', from: [], to: items });
    if (!changes.length) {
      summary.unchanged++;
      continue;
    }
    summary.updated.push({ kind: 'session', id: hit.id, label, fields: changes });
    ops.push(() => updateEntity(doc, 'sessions', hit.id, Object.fromEntries(changes.map((c) => [c.field, c.to])) as Partial<Session>));
  }
}

/** Meta fields the meeting has empty and the file has (dates, venue, time zone ...). */
export function planMeta(ctx: MergeContext): void {
  const { doc, summary, ops } = ctx;
  const fileMeta: Meta = ctx.imported.meta;
  const meta = readMeta(doc);
  const changes: FieldChange[] = [];
  for (const f of META_FILL) {
    const v = fileMeta[f];
    if (typeof v === 'string' && v && !meta[f]) changes.push({ field: f, from: '', to: v });
  }
  if (meta.timezone === 'UTC' && fileMeta.timezone && fileMeta.timezone !== 'UTC') changes.push({ field: 'timezone', from: meta.timezone, to: fileMeta.timezone });
  if (!changes.length) return;
  summary.updated.push({ kind: 'meeting', id: '', label: meta.title || fileMeta.title, fields: changes });
  ops.push(() => setMeta(doc, Object.fromEntries(changes.map((c) => [c.field, c.to])) as Partial<Meta>));
}
