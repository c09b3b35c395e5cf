/**
 * The fields the import merge tracks: their values as the file has them and as the document has them
 * (in the one form they are compared in), the three-way decision on one, and writing one back.
 */
import type * as Y from 'yjs';
import type { AgendaItem, Contribution, MeetingJson } from '../document/meetingSchema.js';
import { readAllFields } from '../document/entityStore.js';
import { addStatus, readStatuses } from '../document/meetingParts.js';
import { findAgendaItemByLabel } from '../document/agendaOps.js';
import { moveContribution, setContributionStatus } from '../document/contributionOps.js';
import { MeetingOpError, findEntity, updateEntity } from '../document/entityOps.js';
import { DEFAULT_STATUS } from '../document/statuses.js';
import { contributionBaseValues } from '../document/importBase.js';
import { type BaseEntry, type FieldValue, isBaseValue, isOwnBase, sameValue } from './importBase.js';
import { AGENDA_FIELDS, type AgendaField, type ContributionField, type FileIndex, type MergeSilent } from './mergeTypes.js';

export function fileIndex(meeting: MeetingJson): FileIndex {
  return {
    itemLabel: new Map(meeting.agenda.map((a) => [a.id, a.label.trim()])),
    numberOf: new Map(meeting.contributions.map((c) => [c.id, c.number.trim()])),
  };
}

/** A contribution's tracked values as the file has them. */
export function fileContributionValues(c: Contribution, files: FileIndex): Partial<Record<ContributionField, FieldValue>> {
  const out: Partial<Record<ContributionField, FieldValue>> = {
    title: c.title,
    source: c.source,
    status: c.status,
    agendaItem: (c.agendaItemId && files.itemLabel.get(c.agendaItemId)) || '',
    // A Tdoc outside the file (an earlier meeting's, or one the newer list no longer has) by its number.
    revisionOf: (c.revisionOf && files.numberOf.get(c.revisionOf)) || c.revisionOfNumber?.trim() || '',
    columns: c.columns ?? {},
    aliases: c.aliases ?? [],
  };
  if (c.type !== undefined) out.type = c.type;
  if (c.for !== undefined) out.for = c.for;
  return out;
}

export function agendaValues(a: AgendaItem): Partial<Record<AgendaField, string>> {
  const out: Partial<Record<AgendaField, string>> = {};
  for (const f of AGENDA_FIELDS) if (a[f] !== undefined) out[f] = a[f];
  return out;
}

/** A document row's tracked values, in the form the file's are compared. */
export function docContributionValues(row: Contribution, itemLabel: Map<string, string>, byId: Map<string, Contribution>): Record<ContributionField, FieldValue> {
  return contributionBaseValues(row, (id) => itemLabel.get(id), (id) => byId.get(id)?.number);
}

/** One field's three-way decision. */
export type Decision = 'same' | 'apply' | 'keep' | 'conflict';

export function decide(file: FieldValue, plenary: FieldValue, base: BaseEntry | undefined, field: string, fill: boolean): Decision {
  if (sameValue(file, plenary)) return 'same';
  const plenaryEmpty = sameValue(plenary, '');
  if (fill || !base || !(field in base)) return plenaryEmpty ? 'apply' : fill ? 'keep' : 'conflict';
  if (isBaseValue(base, field, plenary)) return 'apply';
  if (isBaseValue(base, field, file)) return 'keep';
  return 'conflict';
}

/** A decision on one contribution field, and why nobody is asked when the two sides differ. */
export interface FieldDecision {
  d: Decision;
  why?: MergeSilent['why'];
}

/**
 * Statuses a portal shows before any decision, in the order a Tdoc goes through them: a number reserved,
 * then the document available. A file status earlier in this order than Plenary's is the portal lagging
 * behind the room.
 */
const BEFORE_DECISION = ['reserved', DEFAULT_STATUS];
const stage = (status: string) => {
  const i = BEFORE_DECISION.indexOf(status);
  return i < 0 ? BEFORE_DECISION.length : i;
};

/**
 * One contribution field's decision (issue 25): a person is asked only where a person changed the value
 * in Plenary since the last import and the file changed it differently. Not conflicts:
 * - the Tdoc list's other cells (`columns`): nobody's to edit live, the file's always hold;
 * - a value Plenary wrote itself (a revision's copy, isOwnBase): the file's replaces it (`plenary-wrote`);
 * - a status from before any decision in the file against a later one in Plenary: the room's decision
 *   stands (`portal-behind`), unless the portal itself went back from a status it had given;
 * - an empty revision link in the file against Plenary's: the link stays (`link-kept`).
 */
export function decideContributionField(field: ContributionField, file: FieldValue, plenary: FieldValue, base: BaseEntry | undefined): FieldDecision {
  if (sameValue(file, plenary)) return { d: 'same' };
  if (field === 'columns') return { d: 'apply' };
  if (field === 'revisionOf' && sameValue(file, '')) return { d: 'keep', why: 'link-kept' };
  const d = decide(file, plenary, base, field, false);
  const own = isOwnBase(base, field);
  if (field === 'status' && stage(String(file)) < BEFORE_DECISION.length && stage(String(file)) < stage(String(plenary))) {
    if (d === 'conflict' || (d === 'apply' && own)) return { d: 'keep', why: 'portal-behind' };
  }
  if (d === 'apply' && own && !sameValue(plenary, '')) return { d, why: 'plenary-wrote' };
  return { d };
}

/**
 * Writes one tracked field of a row from its compared form: an item number becomes the item, a Tdoc
 * number the row it names, a status goes through the history.
 */
export function writeContributionField(
  doc: Y.Doc,
  id: string,
  field: ContributionField,
  value: FieldValue,
  by: string,
  rowByNumber: (n: string) => string | undefined = () => undefined,
): void {
  switch (field) {
    case 'status': {
      const status = String(value) || DEFAULT_STATUS;
      if (!readStatuses(doc).some((s) => s.id === status)) addStatus(doc, status);
      setContributionStatus(doc, id, status, { by });
      return;
    }
    case 'agendaItem': {
      const label = String(value);
      const item = label ? findAgendaItemByLabel(doc, label) : '';
      if (item === undefined) throw new MeetingOpError(`no agenda item "${label}"`);
      moveContribution(doc, id, item);
      return;
    }
    case 'revisionOf': {
      // A Tdoc of the meeting becomes the link; one outside it is kept by its number.
      const number = String(value).trim();
      const target = number ? (rowByNumber(number) ?? readAllFields(doc, 'contributions', ['number']).find((c) => c.number.trim() === number)?.id ?? null) : null;
      const outside = number && !target ? number : null;
      const had = findEntity(doc, 'contributions', id)?.revisionOfNumber;
      updateEntity(doc, 'contributions', id, { revisionOf: target, ...(outside || had ? { revisionOfNumber: outside } : {}) });
      return;
    }
    case 'columns':
      updateEntity(doc, 'contributions', id, { columns: value as Record<string, string> });
      return;
    case 'aliases':
      updateEntity(doc, 'contributions', id, { aliases: value as string[] });
      return;
    default:
      updateEntity(doc, 'contributions', id, { [field]: String(value) });
  }
}
