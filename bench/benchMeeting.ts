/**
 * A synthetic 3GPP-like meeting of any size, deterministic (seeded), for the fan-out, join and browser
 * scenarios. Numbers look like `S2-26xxxxx`; titles draw from a fixed word list, so a filter keystroke
 * narrows the board the same way in every run.
 */
import { MEETING_FORMAT, MEETING_FORMAT_VERSION, emptyLive, emptyMeta, type AgendaItem, type Contribution, type MeetingJson } from '../shared/document/meetingSchema.js';
import { presetStatuses } from '../shared/document/statuses.js';
import { ranksBetween } from '../shared/document/ranks.js';
import { parseMeeting, formatIssues } from '../shared/document/validateMeeting.js';

const WORDS = [
  'architecture', 'enhancement', 'mobility', 'session', 'policy', 'charging', 'security', 'slicing', 'edge',
  'roaming', 'positioning', 'satellite', 'voice', 'messaging', 'identity', 'exposure', 'analytics', 'quality',
  'registration', 'paging', 'handover', 'timer', 'correction', 'clarification', 'alignment', 'update',
];
const SOURCES = ['Ericsson', 'Nokia', 'Huawei, HiSilicon', 'Qualcomm Incorporated', 'Samsung', 'ZTE', 'Apple', 'Intel', 'NTT DOCOMO', 'Vodafone'];
const TYPES = ['CR', 'pCR', 'discussion', 'LS in', 'LS out', 'WID new'];
const FORS = ['Approval', 'Agreement', 'Discussion', 'Information', 'Endorsement'];

/** A small deterministic PRNG (mulberry32), so every run benchmarks the same meeting. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid meeting with `contributions` Tdocs spread over about one agenda item per 25 Tdocs. */
export function benchMeeting(contributions: number, seed = 1): MeetingJson {
  const rand = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const itemCount = Math.max(3, Math.ceil(contributions / 25));
  const itemRanks = ranksBetween(null, null, itemCount);
  const agenda: AgendaItem[] = itemRanks.map((rank, i) => ({
    id: `ag${i}`,
    parentId: null,
    rank,
    label: `${Math.floor(i / 10) + 1}.${(i % 10) + 1}`,
    title: `${pick(WORDS)} ${pick(WORDS)} (${pick(WORDS)})`,
    notes: '',
  }));
  const perItem = Math.ceil(contributions / itemCount);
  const rows: Contribution[] = [];
  for (let item = 0; item < itemCount && rows.length < contributions; item++) {
    const count = Math.min(perItem, contributions - rows.length);
    for (const rank of ranksBetween(null, null, count)) {
      const n = rows.length;
      rows.push({
        id: `c${n}`,
        number: `S2-26${String(n + 1).padStart(5, '0')}`,
        aliases: [],
        title: `${pick(WORDS)} of ${pick(WORDS)} for ${pick(WORDS)} ${pick(WORDS)}`,
        source: pick(SOURCES),
        agendaItemId: `ag${item}`,
        rank,
        status: 'available',
        notes: '',
        revisionOf: null,
        history: [],
        type: pick(TYPES),
        for: pick(FORS),
      });
    }
  }
  const meeting: MeetingJson = {
    format: MEETING_FORMAT,
    version: MEETING_FORMAT_VERSION,
    meta: { ...emptyMeta(), title: `Benchmark meeting (${contributions} Tdocs)`, startDate: '2026-11-30', endDate: '2026-12-04', timezone: 'UTC' },
    statuses: presetStatuses('3gpp'),
    agenda,
    sessions: [],
    contributions: rows,
    actions: [],
    deliverables: [],
    objectives: [],
    live: emptyLive(),
  };
  const parsed = parseMeeting(meeting);
  if (!parsed.ok) throw new Error(`benchMeeting made an invalid meeting: ${formatIssues(parsed.errors)}`);
  return parsed.value;
}
