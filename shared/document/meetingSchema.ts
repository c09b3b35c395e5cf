/**
 * The meeting document: types of the meeting JSON (CONTRACT.md §6), the Yjs key names (CONTRACT.md §5)
 * and the field specifications that drive reading, writing and validating every entry.
 *
 * This is the ONLY module that spells Yjs key strings. Everything else goes through the accessors in
 * meetingDoc.ts and its siblings, which take the names from here.
 */

/** Bumped on every change of the document layout; see MIGRATIONS below. */
export const SCHEMA_VERSION = 1 as const;
/** Named schema versions, one per migration (tldraw style). */
export const MIGRATIONS = { Initial: 1 } as const;

export const MEETING_FORMAT = 'plenary-meeting' as const;
export const MEETING_FORMAT_VERSION = 1 as const;

/** Top-level Yjs types of a meeting document. */
export const ROOT = {
  meta: 'meta',
  statuses: 'statuses',
  agenda: 'agenda',
  contributions: 'contributions',
  sessions: 'sessions',
  actions: 'actions',
  deliverables: 'deliverables',
  objectives: 'objectives',
  live: 'live',
  /**
   * Optional: what the last import of a file wrote into each entry (importMerge.ts), so a later import of
   * a newer file can tell the file's changes from Plenary's. Y.Map key → plain object, keys built by
   * IMPORT_BASE_KEY. Not part of the meeting JSON.
   */
  importBase: 'importBase',
  /** Optional: numbers handed out from the meeting's number block (numberBlock.ts). Y.Map number → plain object. */
  allocatedNumbers: 'allocatedNumbers',
  // Optional parts (issue 15), absent until first used: see PARTICIPATION below.
  queue: 'queue',
  floor: 'floor',
  speeches: 'speeches',
  polls: 'polls',
  /** Optional (issue 16): parallel rooms beside the main one, absent until used: see ROOM_FIELDS. */
  rooms: 'rooms',
  // Optional parts (issue 16, the clock), absent until first used: see CLOCK below.
  clock: 'clock',
  breaks: 'breaks',
  /**
   * Optional (issue 24): Y.Map of REGISTRATION_FIELDS written by the server only: how many people are
   * registered (the people themselves live on the server, never here). Not part of the meeting JSON.
   */
  registration: 'registration',
  // Optional parts (issue 26, positions and e-mail approval), absent until first used: see POSITIONS below.
  positions: 'positions',
  approvals: 'approvals',
} as const;

/** Keys of the `registration` map (issue 24). */
export const REGISTRATION_FIELDS = { people: 'people', organisations: 'organisations' } as const;
export type RootKey = (typeof ROOT)[keyof typeof ROOT];

export const PURPOSES = ['decision', 'discussion', 'information', 'other'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Meta {
  schemaVersion: number;
  title: string;
  chair: string;
  secretary: string;
  /** YYYY-MM-DD or '' when unknown. */
  startDate: string;
  endDate: string;
  venue: string;
  details: string;
  purpose: Purpose;
  /** IANA time zone, e.g. 'Asia/Seoul'; 'UTC' when unknown. */
  timezone: string;
  /** Short name of the body ('oneM2M', '3GPP', 'IETF', ...): an optional extension. */
  body?: string;
  /**
   * Optional: how revisions are numbered: 'suffix' (R01, R02: oneM2M, ETSI) or 'new-number' (3GPP).
   * Absent: the body's way (numberBlock.ts, revisionNumberingOf).
   */
  revisionNumbering?: RevisionNumbering;
  /** Optional: the block of Tdoc numbers reserved for revisions, e.g. 'S2-2403100-S2-2403199'. */
  numberBlock?: string;
  /**
   * Optional (issue 24, CONTRACT.md §3): once a meeting has registered people, the shared delegate link
   * follows but does not queue or vote unless this is true (the chair's setting). Absent means false.
   */
  anonymousParticipation?: boolean;
  /**
   * Optional (issue 25): the speaker queue's order by kind, chosen by the chair: 'points-of-order' (absent:
   * points of order first, the rest in arrival order) or 'tc39' (point of order, then clarifying question,
   * then reply, then new topic, each kind in arrival order). shared/participation/speakerQueue.ts.
   */
  queueOrder?: QueueOrder;
}

export const QUEUE_ORDERS = ['points-of-order', 'tc39'] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

export const REVISION_NUMBERINGS = ['suffix', 'new-number'] as const;
export type RevisionNumbering = (typeof REVISION_NUMBERINGS)[number];

export interface Status {
  id: string;
  label: string;
  final: boolean;
}

export interface AgendaItem {
  id: string;
  parentId: string | null;
  rank: string;
  /** The number as written, e.g. '5.2'. May repeat (the seed agenda has two items "3"). */
  label: string;
  title: string;
  notes: string;
  /** Optional extensions kept from 3GPP and IETF agendas. */
  specs?: string;
  rapporteur?: string;
  /** Time budget as written ('10 min'). */
  duration?: string;
  presenters?: string;
  /** Documents named in the item (drafts, TS numbers). */
  documents?: string[];
  /** Optional extension (CONTRACT.md §6): the conclusion reached on the item, as written. */
  conclusion?: string;
  /** Optional extension (CONTRACT.md §6): seconds the item was live, counted by the server (when present). */
  spentSeconds?: number;
}

export interface HistoryEntry {
  status: string;
  /** ISO 8601 time. */
  at: string;
  by: string;
}

export interface Contribution {
  id: string;
  /** As written, revision suffix included: 'SEC-2016-0094R02', 'S2-2001234'. */
  number: string;
  aliases: string[];
  title: string;
  source: string;
  /** The agenda item id, or '' for a contribution not (or no longer) allocated to an item. */
  agendaItemId: string;
  rank: string;
  status: string;
  notes: string;
  revisionOf: string | null;
  history: HistoryEntry[];
  /** Optional extensions (CONTRACT.md allows compatible additions). */
  mergedInto?: string | null;
  /**
   * Optional extension (issue 25): the number of the Tdoc this one revises when that Tdoc is not in the
   * meeting (an earlier meeting's, or one a newer list no longer has), as the list wrote it. `revisionOf`
   * is the link when the Tdoc is in the meeting; exports write this number in its place otherwise.
   */
  revisionOfNumber?: string | null;
  /**
   * Optional extension (issue 25): numbers of Tdocs this one was revised to that the meeting's
   * `revisionOf` links do not give (Tdocs outside the meeting, or one that is the revision of another).
   */
  revisedToNumbers?: string[];
  /** 3GPP 'Type' (CR, discussion, LS in, pCR ...). */
  type?: string;
  /** 3GPP 'For' (Approval, Agreement, Information ...). */
  for?: string;
  abstract?: string;
  secretaryRemarks?: string;
  /**
   * Optional extension: the cells of the row a Tdoc list gave for this document in columns no other field
   * takes (3GPP 'Contact', 'Release', 'Spec', 'CR', 'Reply to', or any column a body's list has), keyed by
   * the header as written. Kept so that exporting an imported list gives those columns back; nobody edits
   * these cells live. Absent when there are none. Limits: COLUMNS_LIMITS.
   */
  columns?: Record<string, string>;
  /**
   * Optional extension (issue 17): set on a Tdoc carried over into this meeting from the previous one:
   * `meetingId`, `title` (of that meeting), `number` and `status` (its status there). Absent otherwise.
   */
  carriedFrom?: Record<string, string>;
}

export interface Session {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  room: string;
  code: string;
  title: string;
  agendaNote: string;
  agendaItemIds: string[];
}

export const ACTION_STATUSES = ['open', 'closed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Action {
  id: string;
  ref: string;
  what: string;
  who: string;
  status: ActionStatus;
  notes: string;
  /** Optional extension: display order. */
  rank?: string;
  /** Optional extension (issue 25): when it is due, YYYY-MM-DD; absent or '' when not set. */
  due?: string;
  /** Optional extension (issue 25): the agenda item it came from; absent or '' when none. */
  agendaItemId?: string;
}

export interface Deliverable {
  id: string;
  name: string;
  version: string;
  reference: string;
  note: string;
  rank: string;
}

export interface Objective {
  id: string;
  text: string;
  rank: string;
}

export interface Live {
  agendaItemId: string | null;
  contributionId: string | null;
  sessionId: string | null;
  banner: string;
}

export interface MeetingJson {
  format: typeof MEETING_FORMAT;
  version: typeof MEETING_FORMAT_VERSION;
  meta: Meta;
  statuses: Status[];
  agenda: AgendaItem[];
  sessions: Session[];
  contributions: Contribution[];
  actions: Action[];
  deliverables: Deliverable[];
  objectives: Objective[];
  live: Live;
  /** Optional (issue 15): who spoke, in order of time (shared/participation/participationJson.ts). */
  speeches?: SpeechJson[];
  /** Optional (issue 15): shows of hands with their counts (never who answered what). */
  polls?: PollJson[];
  /** Optional (issue 16): the meeting's rooms, the main room (MAIN_ROOM) first with `live` equal to the top-level one. */
  rooms?: RoomJson[];
  /** Optional (issue 26): organisations' positions per Tdoc, the latest per organisation (shared/positions/). */
  positions?: PositionJson[];
  /** Optional (issue 26): e-mail approval rounds (shared/positions/approvalRounds.ts). */
  approvals?: ApprovalJson[];
}

/** The stances an organisation takes on a Tdoc (CONTRACT.md §3, `/positions`). */
export const STANCES = ['support', 'object', 'concern', 'abstain'] as const;
export type Stance = (typeof STANCES)[number];

/** One organisation's position on one Tdoc (docs/POSITIONS.md): the latest it stated. */
export interface PositionJson {
  contributionId: string;
  organisation: string;
  stance: Stance;
  /** A short comment ('needs study'), or ''. */
  comment: string;
  /** Who stated it: the person's registered name, or the editor who recorded it on the organisation's behalf. */
  by: string;
  /** ISO time (the server's clock). */
  at: string;
  /** True when an editor recorded it on the organisation's behalf. */
  onBehalf: boolean;
  /** The registered person who stated it, when one did (issue 24's people); absent otherwise. */
  personId?: string;
}

/** What the server found at a round's deadline (written once, by one process). */
export interface ApprovalClosedJson {
  /** ISO time the server evaluated the deadline. */
  at: string;
  /** No objection by the deadline: the chair may approve with one action. */
  ready: boolean;
  /** Organisations that objected by the deadline. */
  objections: string[];
  /** The round's Tdocs (contribution ids) at the deadline, revisions followed. */
  tdocs: string[];
}

/** What the chair (or the server, at the deadline) may decide on a round. */
export const DECISIONS_JSON = ['approved', 'not-approved', 'to-call', 'withdrawn'] as const;

/** The chair's (or the server's, at the deadline) decision on a round. */
export interface ApprovalDecisionJson {
  state: (typeof DECISIONS_JSON)[number];
  at: string;
  by: string;
  /** True when the server approved at the deadline (the round's `autoApprove`). */
  auto: boolean;
}

/** An e-mail approval round on one Tdoc or a set (docs/POSITIONS.md). */
export interface ApprovalJson {
  id: string;
  /** Contribution ids as the round was opened (revisions made since continue it: derived when read). */
  tdocs: string[];
  /** ISO time in UTC. */
  deadline: string;
  openedAt: string;
  openedBy: string;
  /** Approve by itself at the deadline when nobody objected. */
  autoApprove: boolean;
  closed?: ApprovalClosedJson;
  decision?: ApprovalDecisionJson;
}

/** A room of the meeting (shared/document/rooms.ts): its own live pointer and banner. */
export interface RoomJson {
  id: string;
  name: string;
  live: Live;
}

/**
 * Fields of a room's Y.Map in `rooms` (Y.Map roomId -> Y.Map): `id`, `name`, `rank` (display order) and,
 * for every room but the main one, the LIVE_FIELDS of that room's pointer. The main room's pointer is the
 * top-level `live`; its entry, when present, only names it.
 */
export const ROOM_FIELDS = { id: 'id', name: 'name', rank: 'rank' } as const;

/** A turn at the microphone: `kind` is new-topic, reply, clarify or point-of-order; times ISO. */
export interface SpeechJson {
  id: string;
  room: string;
  name: string;
  company: string;
  kind: string;
  /** The agenda item and contribution the room was on, or ''. */
  agendaItemId: string;
  contributionId: string;
  startedAt: string;
  /** '' while speaking. */
  endedAt: string;
}

/** A show of hands: answers from browsers (`remote`) and counted in the room, per option. */
export interface PollJson {
  id: string;
  room: string;
  question: string;
  options: string[];
  openedAt: string;
  /** ISO time it closes by itself, or '' (open until closed). */
  closesAt: string;
  /** ISO time the chair closed it, or ''. */
  closedAt: string;
  agendaItemId: string;
  contributionId: string;
  /** Answers from browsers, per option (every option present). */
  remote: Record<string, number>;
  /** Hand-counted in the room, per option (typed by the chair). */
  roomCounts: Record<string, number>;
  /** Optional (issue 24): one answer per organisation, the latest of its people's (present only when true). */
  perOrganisation?: boolean;
  /**
   * Optional (issue 25): 'at-close' when the counts are shown only once the poll closes; absent: shown
   * live. While such a poll is open its answers are sealed and `remote` counts none of them.
   */
  showCounts?: 'at-close';
}

/** The collections stored as `Y.Map id -> Y.Map` of entries. */
export type EntityKind = 'agenda' | 'contributions' | 'sessions' | 'actions' | 'deliverables' | 'objectives';
export interface EntityOf {
  agenda: AgendaItem;
  contributions: Contribution;
  sessions: Session;
  actions: Action;
  deliverables: Deliverable;
  objectives: Objective;
}

/**
 * How a field is stored and read:
 * - string: a plain string in the entry's Y.Map (last writer wins); a field named `rank` is read through
 *   repairRank, so it is always a valid rank;
 * - nullableString: a string or null;
 * - text: a Y.Text (concurrent typing merges), plain string in JSON;
 * - stringArray: a plain array of strings (replaced as a whole: last writer wins);
 * - history: a Y.Array of {status, at, by} (appends from several people all stay);
 * - stringRecord: a plain object of string values, stored as ONE plain value (replaced as a whole: last
 *   writer wins), absent when empty; within COLUMNS_LIMITS;
 * - number: a plain finite number >= 0 (last writer wins; the server is its only writer).
 * An optional text field (an agenda item's `conclusion`) is created, empty, with its entry, so that the
 * first two people typing share one Y.Text; it is left out of the JSON while empty.
 */
export type FieldKind = 'string' | 'nullableString' | 'text' | 'stringArray' | 'history' | 'stringRecord' | 'number';

/**
 * Bounds of a stringRecord field (a contribution's `columns`): enough for any Tdoc list (the 3GPP portal
 * has 36 columns, cells of a few hundred characters), small enough that one hostile row cannot bloat the
 * document. The validator refuses more; the tolerant reader and the importers keep only what fits.
 */
export const COLUMNS_LIMITS = { maxKeys: 200, maxKeyLength: 200, maxValueLength: 10_000 } as const;

/**
 * Names a stringRecord cannot hold: Yjs refuses to store an object with an own `constructor` ("Unexpected
 * content type"), and `__proto__` turns into the prototype when an object is rebuilt (lib0's decoder, plain
 * assignment). The validator refuses them; the tolerant reader and the importers leave them out.
 */
export const UNUSABLE_COLUMN_NAMES: readonly string[] = ['__proto__', 'constructor'];

export interface FieldSpec {
  name: string;
  kind: FieldKind;
  /** Optional fields are omitted from the JSON when absent in the document. */
  optional?: boolean;
  /** For string fields: the allowed values. */
  oneOf?: readonly string[];
}

const s = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ name, kind: 'string', ...extra });
const opt = (name: string): FieldSpec => ({ name, kind: 'string', optional: true });

/** Field specifications of every entity kind, in the order they appear in JSON. `id` comes first. */
export const FIELDS: { [K in EntityKind]: readonly FieldSpec[] } = {
  agenda: [
    s('id'),
    { name: 'parentId', kind: 'nullableString' },
    s('rank'),
    s('label'),
    s('title'),
    { name: 'notes', kind: 'text' },
    opt('specs'),
    opt('rapporteur'),
    opt('duration'),
    opt('presenters'),
    { name: 'documents', kind: 'stringArray', optional: true },
    { name: 'conclusion', kind: 'text', optional: true },
    { name: 'spentSeconds', kind: 'number', optional: true },
  ],
  contributions: [
    s('id'),
    s('number'),
    { name: 'aliases', kind: 'stringArray' },
    s('title'),
    s('source'),
    s('agendaItemId'),
    s('rank'),
    s('status'),
    { name: 'notes', kind: 'text' },
    { name: 'revisionOf', kind: 'nullableString' },
    { name: 'history', kind: 'history' },
    { name: 'mergedInto', kind: 'nullableString', optional: true },
    { name: 'revisionOfNumber', kind: 'nullableString', optional: true },
    { name: 'revisedToNumbers', kind: 'stringArray', optional: true },
    opt('type'),
    opt('for'),
    opt('abstract'),
    opt('secretaryRemarks'),
    { name: 'carriedFrom', kind: 'stringRecord', optional: true },
    // Last among contribution fields: readMeeting's field order is part of the contract.
    { name: 'columns', kind: 'stringRecord', optional: true },
  ],
  sessions: [
    s('id'),
    s('date'),
    s('start'),
    s('end'),
    s('room'),
    s('code'),
    s('title'),
    s('agendaNote'),
    { name: 'agendaItemIds', kind: 'stringArray' },
  ],
  actions: [
    s('id'),
    s('ref'),
    s('what'),
    s('who'),
    s('status', { oneOf: ACTION_STATUSES }),
    s('notes'),
    opt('rank'),
    opt('due'),
    opt('agendaItemId'),
  ],
  deliverables: [s('id'), s('name'), s('version'), s('reference'), s('note'), s('rank')],
  objectives: [s('id'), s('text'), s('rank')],
};

export const ENTITY_KINDS: readonly EntityKind[] = [
  'agenda',
  'contributions',
  'sessions',
  'actions',
  'deliverables',
  'objectives',
];

export const META_FIELDS: readonly (keyof Meta)[] = [
  'schemaVersion',
  'title',
  'chair',
  'secretary',
  'startDate',
  'endDate',
  'venue',
  'details',
  'purpose',
  'timezone',
  'body',
  'revisionNumbering',
  'numberBlock',
  'anonymousParticipation',
  'queueOrder',
];

/** Meta fields a meeting may leave out (optional extensions). */
export const OPTIONAL_META_FIELDS: readonly (keyof Meta)[] = ['body', 'revisionNumbering', 'numberBlock', 'anonymousParticipation', 'queueOrder'];

export const LIVE_FIELDS: readonly (keyof Live)[] = ['agendaItemId', 'contributionId', 'sessionId', 'banner'];

/**
 * Keys of the importBase map: a contribution's base, and an agenda item's or session's base per kind of
 * file ('list': a file with Tdocs; 'agenda': an agenda without), so an agenda .docx and a Tdoc list
 * brought into one meeting each merge against their own last import.
 */
export const IMPORT_BASE_KEY = {
  contribution: (id: string) => `c:${id}`,
  agendaItem: (fileKind: string, id: string) => `a:${fileKind}:${id}`,
} as const;

/** Field names of a history entry. */
export const HISTORY_FIELDS = ['status', 'at', 'by'] as const;

export function emptyMeta(): Meta {
  return {
    schemaVersion: SCHEMA_VERSION,
    title: '',
    chair: '',
    secretary: '',
    startDate: '',
    endDate: '',
    venue: '',
    details: '',
    purpose: 'other',
    timezone: 'UTC',
  };
}

export function emptyLive(): Live {
  return { agendaItemId: null, contributionId: null, sessionId: null, banner: '' };
}

// ------------------------------------------------------------------------------- participation (issue 15)

/**
 * The speaker queue and the show of hands (shared/participation/speakerQueue.ts, shared/participation/showOfHands.ts). Every queue,
 * floor, speech and poll carries a `room`: MAIN_ROOM until a meeting has parallel rooms.
 *
 * - `queue`: Y.Map entryId -> Y.Map of QUEUE_FIELDS (a Y.Map per entry, so a chair's reorder of an entry
 *   that its owner withdrew at the same moment cannot bring it back).
 * - `floor`: Y.Map room -> plain object of FLOOR_FIELDS (open, limit, the current speaker); chair only.
 * - `speeches`: Y.Map speechId -> plain object of SPEECH_FIELDS: who spoke on what, and when.
 * - `polls`: Y.Map pollId -> Y.Map of POLL_FIELDS; its `answers` is a Y.Map ballot tag -> option, written
 *   by the server only, the tag unlinkable to a queue entry or to the same browser's other polls.
 */
export const PARTICIPATION = {
  queue: { id: 'id', room: 'room', kind: 'kind', name: 'name', company: 'company', owner: 'owner', rank: 'rank', at: 'at', by: 'by' },
  floor: { open: 'open', limitSeconds: 'limitSeconds', current: 'current' },
  speech: {
    id: 'id',
    room: 'room',
    name: 'name',
    company: 'company',
    kind: 'kind',
    agendaItemId: 'agendaItemId',
    contributionId: 'contributionId',
    startedAt: 'startedAt',
    endedAt: 'endedAt',
  },
  poll: {
    id: 'id',
    room: 'room',
    question: 'question',
    options: 'options',
    openedAt: 'openedAt',
    closesAt: 'closesAt',
    closedAt: 'closedAt',
    agendaItemId: 'agendaItemId',
    contributionId: 'contributionId',
    roomCounts: 'roomCounts',
    answers: 'answers',
    /** Remote counts brought by an import (ballots are never exported), added to the ballots' counts. */
    remoteBase: 'remoteBase',
    /** Issue 24: true for "one per company": a registered person's ballot is kept under their organisation. */
    perOrganisation: 'perOrganisation',
    /**
     * Issue 24: Y.Map ballot key -> {name, organisation, at}: who cast a registered person's ballot (their
     * registered name and organisation, as the room sees a raised hand), written by the server only.
     */
    voters: 'voters',
    /**
     * Optional (issue 25): 'at-close' when the chair chose to show the counts only once the poll closes
     * ('live' or absent: counts show while people answer). Such a poll's ballots go into `sealed` while
     * it is open, and the server moves them into `answers` when it closes.
     */
    showCounts: 'showCounts',
    /**
     * Optional (issue 25): Y.Map ballot tag -> the option sealed with the server's key (AES-256-GCM, fixed
     * length): the ballots of an 'at-close' poll while it is open, which nobody but the server can count.
     */
    sealed: 'sealed',
  },
} as const;

/** The room of a meeting without parallel rooms. */
export const MAIN_ROOM = 'main' as const;

// ------------------------------------------------------------------------------------ clock (issue 16)

/**
 * The clock (shared/time/meetingClock.ts). Both parts are optional ROOT keys, absent until first used, and not
 * part of the meeting JSON (an item's accumulated time is: `spentSeconds`).
 *
 * - `clock`: Y.Map agendaItemId -> number: since when (server ms since the epoch) the item's live time is
 *   being counted, for every item live now. Written by the server only (server/sync/RoomClock.ts): when an item
 *   stops being live its time is added to its `spentSeconds` and its key deleted.
 * - `breaks`: Y.Map room -> plain object of BREAK_FIELDS: a break countdown the chair starts ("Coffee",
 *   until a server time in ms); past its end it reads as absent and the server deletes it.
 */
export const BREAK_FIELDS = { label: 'label', until: 'until' } as const;

// ------------------------------------------------------------------------- positions (issue 26)

/**
 * Positions and e-mail approval rounds (shared/positions/, docs/POSITIONS.md). Both optional ROOT keys,
 * absent until first used.
 *
 * - `positions`: Y.Map key -> plain object of POSITION_FIELDS. The key is derived from the contribution id
 *   and the organisation (positionKey), so an organisation has one position per Tdoc: a restatement
 *   replaces it, and two editors recording the same organisation at once converge to one.
 * - `approvals`: Y.Map roundId -> Y.Map of ROUND_FIELDS (a Y.Map per round, so the chair's decision and the
 *   server's deadline evaluation, written at the same moment by different replicas, both stay).
 */
export const POSITION_FIELDS = {
  contributionId: 'contributionId',
  organisation: 'organisation',
  stance: 'stance',
  comment: 'comment',
  by: 'by',
  at: 'at',
  onBehalf: 'onBehalf',
  personId: 'personId',
} as const;

export const ROUND_FIELDS = {
  id: 'id',
  tdocs: 'tdocs',
  deadline: 'deadline',
  openedAt: 'openedAt',
  openedBy: 'openedBy',
  autoApprove: 'autoApprove',
  closed: 'closed',
  decision: 'decision',
} as const;
