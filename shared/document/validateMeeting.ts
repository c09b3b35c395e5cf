/**
 * Strict check of meeting JSON (CONTRACT.md §6). Every problem is reported with its path:
 * `contributions[12].status: unknown status "agred"`. Unknown fields are ignored with a warning.
 */
import {
  FIELDS,
  ENTITY_KINDS,
  META_FIELDS,
  OPTIONAL_META_FIELDS,
  REVISION_NUMBERINGS,
  QUEUE_ORDERS,
  PURPOSES,
  MEETING_FORMAT,
  MEETING_FORMAT_VERSION,
  SCHEMA_VERSION,
  COLUMNS_LIMITS,
  UNUSABLE_COLUMN_NAMES,
  emptyLive,
  type EntityKind,
  type FieldSpec,
  type MeetingJson,
} from './meetingSchema.js';
import { isValidRank } from './ranks.js';
import { parseNumberBlock } from './numberBlock.js';
import { presetStatuses, statusId } from './statuses.js';
import { effectiveParents } from './agendaTree.js';
import { DATE_PATTERN, TIME_PATTERN } from '../time/dateTime.js';
import { checkRoomsJson } from './rooms.js';
import { checkParticipationJson } from '../participation/participationJson.js';
import { checkPositionsJson } from '../positions/positionsJson.js';
import { isTimeZone } from '../time/meetingPlaces.js';

export interface ValidationIssue {
  path: string;
  message: string;
}

export type ParseResult =
  | { ok: true; value: MeetingJson; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

const DATE = DATE_PATTERN;
const TIME = TIME_PATTERN;

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
/** A value for an error message: at most ~80 characters, and safe for hostile (deeply nested) input. */
const show = (v: unknown): string => {
  let s: string;
  try {
    s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
  } catch {
    s = Array.isArray(v) ? '(a nested array)' : '(a nested object)';
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** Where the checks put what they find: errors (with `err`) and warnings, in the order they are found. */
interface Findings {
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
  err: (path: string, message: string) => void;
}

/** Every entity kind's ids, as the meeting gives them. */
type EntityIds = Record<EntityKind, Set<string>>;

/**
 * Parses meeting JSON text or an already parsed value, strictly. In steps, each only when the ones
 * before found no error: the format and version; then the shapes (meta, statuses, every entity kind);
 * then the references and formats, live, participation and rooms (all reported together).
 */
export function parseMeeting(input: unknown): ParseResult {
  const errors: ValidationIssue[] = [];
  const warnings: ValidationIssue[] = [];
  const found: Findings = { errors, warnings, err: (path, message) => errors.push({ path, message }) };

  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { ok: false, errors: [{ path: '', message: `not JSON: ${(e as Error).message}` }], warnings };
    }
  }
  if (!isObj(data)) return { ok: false, errors: [{ path: '', message: 'expected a JSON object' }], warnings };
  if (data.format !== MEETING_FORMAT) found.err('format', `expected "${MEETING_FORMAT}", got ${show(data.format)}`);
  if (data.version !== MEETING_FORMAT_VERSION) found.err('version', `expected ${MEETING_FORMAT_VERSION}, got ${show(data.version)}`);
  if (errors.length) return { ok: false, errors, warnings };

  checkMeta(data.meta, found);
  const { statuses, statusIds } = checkStatuses(data.statuses, found);
  const ids = checkEntities(data, found);
  if (errors.length) return { ok: false, errors, warnings };

  // Every shape is right from here on.
  const m = data as unknown as MeetingJson;
  checkReferences(m, ids, statusIds, found.err);
  const liveValue = checkLive(data.live, ids, found.err);
  const participation = checkParticipationJson(data, { agenda: ids.agenda, contributions: ids.contributions }, found.err);
  const rooms = checkRoomsJson(data, liveValue, { agenda: ids.agenda, contributions: ids.contributions, sessions: ids.sessions }, found.err);
  const positions = checkPositionsJson(data, { contributions: ids.contributions }, found.err);
  if (errors.length) return { ok: false, errors, warnings };

  const value: MeetingJson = {
    format: MEETING_FORMAT,
    version: MEETING_FORMAT_VERSION,
    meta: { ...(m.meta as object), schemaVersion: SCHEMA_VERSION } as MeetingJson['meta'],
    statuses: (statuses as MeetingJson['statuses']).map((x) => ({ id: x.id, label: x.label, final: x.final })),
    agenda: m.agenda.map((e) => pick('agenda', e)),
    sessions: m.sessions.map((e) => pick('sessions', e)),
    contributions: m.contributions.map((e) => pick('contributions', e)),
    actions: m.actions.map((e) => pick('actions', e)),
    deliverables: m.deliverables.map((e) => pick('deliverables', e)),
    objectives: m.objectives.map((e) => pick('objectives', e)),
    live: liveValue,
    ...participation,
    ...rooms,
    ...positions,
  };
  return { ok: true, value, warnings };
}

/** `meta`'s shape: each field's type, the choices and the number block; unknown fields are warned of. */
function checkMeta(meta: unknown, { err, warnings }: Findings): void {
  if (!isObj(meta)) return err('meta', 'expected an object');
  for (const key of META_FIELDS) {
    const v = meta[key];
    if (key === 'schemaVersion') {
      if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > SCHEMA_VERSION)) {
        err('meta.schemaVersion', `expected an integer from 1 to ${SCHEMA_VERSION}, got ${show(v)}`);
      }
    } else if (key === 'anonymousParticipation') {
      if (v !== undefined && typeof v !== 'boolean') err('meta.anonymousParticipation', `expected true or false, got ${show(v)}`);
    } else if (OPTIONAL_META_FIELDS.includes(key)) {
      if (v !== undefined && typeof v !== 'string') err(`meta.${key}`, `expected a string, got ${show(v)}`);
    } else if (typeof v !== 'string') err(`meta.${key}`, `expected a string, got ${show(v)}`);
  }
  if (meta.revisionNumbering !== undefined && meta.revisionNumbering !== '' && !REVISION_NUMBERINGS.includes(meta.revisionNumbering as never)) {
    err('meta.revisionNumbering', `expected one of ${REVISION_NUMBERINGS.join(', ')}, got ${show(meta.revisionNumbering)}`);
  }
  if (meta.queueOrder !== undefined && meta.queueOrder !== '' && !QUEUE_ORDERS.includes(meta.queueOrder as never)) {
    err('meta.queueOrder', `expected one of ${QUEUE_ORDERS.join(', ')}, got ${show(meta.queueOrder)}`);
  }
  if (typeof meta.numberBlock === 'string' && meta.numberBlock !== '' && !parseNumberBlock(meta.numberBlock)) {
    err('meta.numberBlock', `expected a block of numbers like S2-2403100-S2-2403199, got ${show(meta.numberBlock)}`);
  }
  if (typeof meta.purpose === 'string' && !PURPOSES.includes(meta.purpose as never)) {
    err('meta.purpose', `expected one of ${PURPOSES.join(', ')}, got ${show(meta.purpose)}`);
  }
  unknownFields(meta, META_FIELDS as readonly string[], 'meta', warnings);
}

/** `statuses`' shape and ids; an empty list is the 3GPP preset. Gives the statuses to keep and their ids. */
function checkStatuses(given: unknown, { err, warnings }: Findings): { statuses: unknown; statusIds: Set<string> } {
  const statusIds = new Set<string>();
  let statuses = given;
  if (Array.isArray(statuses) && statuses.length === 0) {
    // A document cannot hold "no vocabulary" (it reads as the default), so say so and use the default.
    statuses = presetStatuses('3gpp');
    warnings.push({ path: 'statuses', message: 'empty, the 3GPP preset is used' });
    for (const x of presetStatuses('3gpp')) statusIds.add(x.id);
  }
  if (!Array.isArray(given)) err('statuses', 'expected an array');
  else
    given.forEach((x, i) => {
      const p = `statuses[${i}]`;
      if (!isObj(x)) return err(p, 'expected an object');
      if (typeof x.id !== 'string' || !x.id || statusId(x.id) !== x.id) err(`${p}.id`, `expected a lowercase id with - for spaces, got ${show(x.id)}`);
      else if (statusIds.has(x.id)) err(`${p}.id`, `duplicate status "${x.id}"`);
      else statusIds.add(x.id);
      if (typeof x.label !== 'string') err(`${p}.label`, `expected a string, got ${show(x.label)}`);
      if (typeof x.final !== 'boolean') err(`${p}.final`, `expected true or false, got ${show(x.final)}`);
    });
  return { statuses, statusIds };
}

/** Every entity kind's list: each entry's shape, then its id (present, not repeated). Gives the ids. */
function checkEntities(data: Record<string, unknown>, { err, warnings }: Findings): EntityIds {
  const ids: EntityIds = {} as never;
  for (const kind of ENTITY_KINDS) {
    ids[kind] = new Set();
    const list = data[kind];
    if (!Array.isArray(list)) {
      err(kind, 'expected an array');
      continue;
    }
    list.forEach((e, i) => {
      const p = `${kind}[${i}]`;
      if (!isObj(e)) return err(p, 'expected an object');
      for (const spec of FIELDS[kind]) checkField(e[spec.name], spec, `${p}.${spec.name}`, err);
      if (typeof e.id === 'string' && e.id) {
        if (ids[kind].has(e.id)) err(`${p}.id`, `duplicate id "${e.id}"`);
        ids[kind].add(e.id);
      } else if (typeof e.id === 'string') err(`${p}.id`, 'must not be empty');
      unknownFields(e, FIELDS[kind].map((f) => f.name), p, warnings);
    });
  }
  return ids;
}

/** References and formats, once every shape is right: dates, the time zone, the agenda tree, each row's and session's. */
function checkReferences(m: MeetingJson, ids: EntityIds, statusIds: Set<string>, err: Findings['err']): void {
  for (const key of ['startDate', 'endDate'] as const) {
    const v = m.meta[key];
    if (v !== '' && !DATE.test(v)) err(`meta.${key}`, `expected YYYY-MM-DD, got ${show(v)}`);
  }
  if (!isTimeZone(m.meta.timezone)) err('meta.timezone', `expected an IANA time zone such as Europe/Paris, or UTC, got ${show(m.meta.timezone)}`);
  m.agenda.forEach((a, i) => {
    if (a.parentId !== null && !ids.agenda.has(a.parentId)) err(`agenda[${i}].parentId`, `no agenda item "${a.parentId}"`);
  });
  const parents = effectiveParents(m.agenda.filter((a) => a.parentId === null || ids.agenda.has(a.parentId)));
  m.agenda.forEach((a, i) => {
    if (a.parentId !== null && ids.agenda.has(a.parentId) && parents.get(a.id) === null) {
      err(`agenda[${i}].parentId`, `"${a.parentId}" makes a cycle in the agenda tree`);
    }
  });
  m.contributions.forEach((c, i) => {
    const p = `contributions[${i}]`;
    if (c.agendaItemId !== '' && !ids.agenda.has(c.agendaItemId)) err(`${p}.agendaItemId`, `no agenda item "${c.agendaItemId}"`);
    if (!statusIds.has(c.status)) err(`${p}.status`, `unknown status ${show(c.status)}`);
    if (c.revisionOf !== null && !ids.contributions.has(c.revisionOf)) err(`${p}.revisionOf`, `no contribution "${c.revisionOf}"`);
    if (c.mergedInto != null && !ids.contributions.has(c.mergedInto)) err(`${p}.mergedInto`, `no contribution "${c.mergedInto}"`);
    c.history.forEach((h, j) => {
      if (!statusIds.has(h.status)) err(`${p}.history[${j}].status`, `unknown status ${show(h.status)}`);
    });
  });
  m.actions.forEach((a, i) => {
    const p = `actions[${i}]`;
    if (a.due !== undefined && a.due !== '' && !DATE.test(a.due)) err(`${p}.due`, `expected YYYY-MM-DD, got ${show(a.due)}`);
    if (a.agendaItemId !== undefined && a.agendaItemId !== '' && !ids.agenda.has(a.agendaItemId)) err(`${p}.agendaItemId`, `no agenda item "${a.agendaItemId}"`);
  });
  m.sessions.forEach((s, i) => {
    const p = `sessions[${i}]`;
    if (s.date !== '' && !DATE.test(s.date)) err(`${p}.date`, `expected YYYY-MM-DD, got ${show(s.date)}`);
    if (s.start !== '' && !TIME.test(s.start)) err(`${p}.start`, `expected HH:MM, got ${show(s.start)}`);
    if (s.end !== '' && !TIME.test(s.end)) err(`${p}.end`, `expected HH:MM, got ${show(s.end)}`);
    s.agendaItemIds.forEach((a, j) => {
      if (!ids.agenda.has(a)) err(`${p}.agendaItemIds[${j}]`, `no agenda item "${a}"`);
    });
  });
}

/** `live` (absent: nothing live): its references and banner. Gives the live value to keep. */
function checkLive(given: unknown, ids: EntityIds, err: Findings['err']): MeetingJson['live'] {
  const live = given === undefined ? emptyLive() : given;
  if (!isObj(live)) err('live', 'expected an object');
  else {
    const refs = [
      ['agendaItemId', 'agenda'],
      ['contributionId', 'contributions'],
      ['sessionId', 'sessions'],
    ] as const;
    for (const [key, kind] of refs) {
      const v = live[key];
      if (v === null || v === undefined) continue;
      if (typeof v !== 'string') err(`live.${key}`, `expected an id or null, got ${show(v)}`);
      else if (!ids[kind].has(v)) err(`live.${key}`, `no ${kind === 'agenda' ? 'agenda item' : kind.slice(0, -1)} "${v}"`);
    }
    if (live.banner !== undefined && typeof live.banner !== 'string') err('live.banner', `expected a string, got ${show(live.banner)}`);
  }
  return {
    ...emptyLive(),
    ...(isObj(live) ? { agendaItemId: live.agendaItemId ?? null, contributionId: live.contributionId ?? null, sessionId: live.sessionId ?? null, banner: live.banner ?? '' } : {}),
  } as MeetingJson['live'];
}

function checkField(v: unknown, spec: FieldSpec, path: string, err: (p: string, m: string) => void): void {
  if (v === undefined) {
    if (!spec.optional) err(path, 'missing');
    return;
  }
  switch (spec.kind) {
    case 'string':
    case 'text':
      if (typeof v !== 'string') return err(path, `expected a string, got ${show(v)}`);
      if (spec.oneOf && !spec.oneOf.includes(v)) return err(path, `expected one of ${spec.oneOf.join(', ')}, got ${show(v)}`);
      if (spec.name === 'rank' && !isValidRank(v)) return err(path, `not a valid rank: ${show(v)}`);
      return;
    case 'nullableString':
      if (v !== null && (typeof v !== 'string' || v === '')) err(path, `expected an id or null, got ${show(v)}`);
      return;
    case 'stringArray':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) err(path, 'expected an array of strings');
      return;
    case 'history':
      if (!Array.isArray(v)) return err(path, 'expected an array');
      v.forEach((h, i) => {
        if (!isObj(h) || typeof h.status !== 'string' || typeof h.at !== 'string' || typeof h.by !== 'string') {
          err(`${path}[${i}]`, 'expected {status, at, by} strings');
        }
      });
      return;
    case 'stringRecord':
      return checkStringRecord(v, path, err);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) err(path, `expected a number of 0 or more, got ${show(v)}`);
      return;
  }
}

/** A key as a path step: `.Release`, or `["Contact ID"]` when it is not a plain name. */
const keyPath = (k: string): string =>
  /^[A-Za-z_$][\w$]{0,59}$/.test(k) ? `.${k}` : `[${JSON.stringify(k.length > 60 ? `${k.slice(0, 57)}...` : k)}]`;

/** A contribution's `columns`: an object of strings within COLUMNS_LIMITS, every key named, none unusable. */
function checkStringRecord(v: unknown, path: string, err: (p: string, m: string) => void): void {
  if (!isObj(v)) return err(path, `expected an object of column name to text, got ${show(v)}`);
  const keys = Object.keys(v);
  if (keys.length > COLUMNS_LIMITS.maxKeys) err(path, `at most ${COLUMNS_LIMITS.maxKeys} columns, got ${keys.length}`);
  for (const k of keys) {
    const x = v[k];
    if (k === '') err(`${path}[""]`, 'a column name must not be empty');
    else if (UNUSABLE_COLUMN_NAMES.includes(k)) err(`${path}${keyPath(k)}`, 'not a usable column name');
    else if (k.length > COLUMNS_LIMITS.maxKeyLength) err(`${path}${keyPath(k)}`, `column name longer than ${COLUMNS_LIMITS.maxKeyLength} characters`);
    if (typeof x !== 'string') err(`${path}${keyPath(k)}`, `expected a string, got ${show(x)}`);
    else if (x.length > COLUMNS_LIMITS.maxValueLength) err(`${path}${keyPath(k)}`, `longer than ${COLUMNS_LIMITS.maxValueLength} characters (${x.length})`);
  }
}

function unknownFields(obj: Record<string, unknown>, known: readonly string[], path: string, warnings: ValidationIssue[]): void {
  for (const k of Object.keys(obj)) if (!known.includes(k)) warnings.push({ path: `${path}.${k}`, message: 'unknown field, ignored' });
}

function pick<K extends EntityKind>(kind: K, e: object): MeetingJson[K][number] {
  const src = e as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[kind]) {
    const v = src[f.name];
    if (v === undefined) continue;
    // An empty record is the same as none (the document does not store it): omitted, so JSON round trips.
    if (f.kind === 'stringRecord') {
      if (Object.keys(v as object).length) out[f.name] = { ...(v as object) };
    } else if (f.kind === 'text' && f.optional && v === '') {
      // An empty optional text (a conclusion not written yet) reads as absent: omitted, so JSON round trips.
    } else out[f.name] = v;
  }
  return out as unknown as MeetingJson[K][number];
}

/** Formats issues one a line: `path: message`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((x) => (x.path ? `${x.path}: ${x.message}` : x.message)).join('\n');
}
