/**
 * Fair speaking (issue 24): how long each speaker and each organisation spoke, over the meeting and per
 * agenda item, from the speeches the queue recorded (only ended ones count; a speech still going counts
 * up to `nowMs` when given). Speakers are told apart by name and organisation as the queue wrote them
 * (registered people's are their registered ones).
 */
import type { Speech } from './speakerQueue.js';

export interface SpeakingTotal {
  /** Speaker's name ('' in the per-organisation totals). */
  name: string;
  organisation: string;
  turns: number;
  seconds: number;
}

export interface SpeakingTime {
  bySpeaker: SpeakingTotal[];
  byOrganisation: SpeakingTotal[];
  /** Per agenda item ('' for speeches with no item live), per organisation, longest first. */
  byItem: { agendaItemId: string; byOrganisation: SpeakingTotal[]; seconds: number }[];
  seconds: number;
}

/** Whole seconds a speech took (0 for one without a readable start). */
export function speechSeconds(s: Pick<Speech, 'startedAt' | 'endedAt'>, nowMs?: number): number {
  const from = Date.parse(s.startedAt);
  const to = s.endedAt ? Date.parse(s.endedAt) : nowMs;
  if (!Number.isFinite(from) || to === undefined || !Number.isFinite(to)) return 0;
  return Math.max(0, Math.round((to - from) / 1000));
}

function add(totals: Map<string, SpeakingTotal>, key: string, name: string, organisation: string, seconds: number): void {
  const t = totals.get(key);
  if (t) {
    t.turns++;
    t.seconds += seconds;
  } else totals.set(key, { name, organisation, turns: 1, seconds });
}

const sorted = (m: Map<string, SpeakingTotal>) => [...m.values()].sort((a, b) => b.seconds - a.seconds || a.organisation.localeCompare(b.organisation) || a.name.localeCompare(b.name));
const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Totals per speaker, per organisation and per agenda item. */
export function speakingTime(speeches: readonly Speech[], nowMs?: number): SpeakingTime {
  const bySpeaker = new Map<string, SpeakingTotal>();
  const byOrg = new Map<string, SpeakingTotal>();
  const byItem = new Map<string, Map<string, SpeakingTotal>>();
  let total = 0;
  for (const s of speeches) {
    const seconds = speechSeconds(s, nowMs);
    if (!s.endedAt && nowMs === undefined) continue;
    total += seconds;
    add(bySpeaker, `${norm(s.name)}\u0000${norm(s.company)}`, s.name, s.company, seconds);
    add(byOrg, norm(s.company), '', s.company, seconds);
    let item = byItem.get(s.agendaItemId);
    if (!item) byItem.set(s.agendaItemId, (item = new Map()));
    add(item, norm(s.company), '', s.company, seconds);
  }
  return {
    bySpeaker: sorted(bySpeaker),
    byOrganisation: sorted(byOrg),
    byItem: [...byItem].map(([agendaItemId, m]) => {
      const list = sorted(m);
      return { agendaItemId, byOrganisation: list, seconds: list.reduce((n, t) => n + t.seconds, 0) };
    }),
    seconds: total,
  };
}
