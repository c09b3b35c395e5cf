/**
 * Status vocabularies. A meeting carries its own list (`statuses` in the document); these presets seed it.
 * Ids are lowercase with '-' for spaces (CONTRACT.md §5).
 */
import type { Status } from './meetingSchema.js';

/** The status of a newly imported contribution with no decision yet. */
export const DEFAULT_STATUS = 'available';

/** Turns a status word as written ('Not Treated', 'REPLY OPEN', 'agreed ') into its id ('not-treated'). */
export function statusId(label: string): string {
  return label
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

const st = (label: string, final: boolean): Status => ({ id: statusId(label), label, final });

/** 3GPP's decision words (the portal's TDoc Status values); the default vocabulary. */
export const PRESET_3GPP: readonly Status[] = Object.freeze([
  st('Reserved', false),
  st('Available', false),
  st('Agreed', true),
  st('Approved', true),
  st('Endorsed', true),
  st('Noted', true),
  st('Revised', true),
  st('Merged', true),
  st('Postponed', true),
  st('Withdrawn', true),
  st('Not treated', true),
  st('Not pursued', true),
  st('Replied to', true),
  st('Partially approved', true),
  st('Conditionally agreed', true),
  st('Conditionally approved', true),
  st('Treated', true),
  st('Technically endorsed', true),
  st('Rejected', true),
]);

/** oneM2M's words, as used in its meeting reports; every id of the contract's list is present too. */
export const PRESET_ONEM2M: readonly Status[] = Object.freeze([
  st('Reserved', false),
  st('Available', false),
  st('Agreed', true),
  st('Agreed in principle', false),
  st('Approved', true),
  st('Endorsed', true),
  st('Noted', true),
  st('Revised', true),
  st('Merged', true),
  st('Postponed', true),
  st('Withdrawn', true),
  st('Not treated', true),
  st('Not pursued', true),
  st('Replied to', true),
  st('Partially approved', true),
  st('Partially agreed', true),
  st('Conditionally agreed', true),
  st('Conditionally approved', true),
  st('Rejected', true),
]);

export const PRESETS = { '3gpp': PRESET_3GPP, onem2m: PRESET_ONEM2M } as const;
export type PresetName = keyof typeof PRESETS;

/** A fresh, mutable copy of a preset. */
export function presetStatuses(name: PresetName = '3gpp'): Status[] {
  return PRESETS[name].map((x) => ({ ...x }));
}

/**
 * Finds the status id for a word as written, adding it to `statuses` when it is not there (unknown words
 * are kept, never dropped). Matches by id, so 'not treated', 'Not Treated' and 'not-treated' are one.
 */
export function ensureStatus(statuses: Status[], label: string, final = true): string {
  const id = statusId(label);
  if (!id) return DEFAULT_STATUS;
  if (!statuses.some((x) => x.id === id)) statuses.push({ id, label: label.trim(), final });
  return id;
}

/** The label of a status id in a vocabulary, or the id itself when the vocabulary lacks it. */
export function statusLabel(statuses: readonly Status[], id: string): string {
  return statuses.find((x) => x.id === id)?.label ?? id;
}
