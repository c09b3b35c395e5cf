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
import { MeetingOpError, updateEntity } from '../document/entityOps.js';
import { DEFAULT_STATUS } from '../document/statuses.js';
import { type BaseEntry, type FieldValue, isBaseValue, sameValue } from './importBase.js';
import { AGENDA_FIELDS, type AgendaField, type ContributionField, type FileIndex } from './mergeTypes.js';

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
    revisionOf: (c.revisionOf && files.numberOf.get(c.revisionOf)) || '',
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
  return {
    title: row.title,
    source: row.source,
    status: row.status,
    agendaItem: (row.agendaItemId && itemLabel.get(row.agendaItemId)) || '',
    revisionOf: (row.revisionOf && byId.get(row.revisionOf)?.number.trim()) || '',
    columns: row.columns ?? {},
    aliases: row.aliases,
    type: row.type ?? '',
    for: row.for ?? '',
  };
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
      const number = String(value);
      let target: string | null = null;
      if (number) {
        target = rowByNumber(number) ?? readAllFields(doc, 'contributions', ['number']).find((c) => c.number.trim() === number)?.id ?? null;
        if (!target) throw new MeetingOpError(`no contribution "${number}"`);
      }
      updateEntity(doc, 'contributions', id, { revisionOf: target });
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
