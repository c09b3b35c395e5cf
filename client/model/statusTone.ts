/** A colour family for a status id, so a glance tells decided from pending. Unknown words are neutral. */
export type Tone = 'pending' | 'positive' | 'info' | 'changed' | 'deferred' | 'negative';

const TONES: Record<string, Tone> = {
  reserved: 'pending',
  available: 'pending',
  agreed: 'positive',
  approved: 'positive',
  endorsed: 'positive',
  'technically-endorsed': 'positive',
  'partially-approved': 'positive',
  'partially-agreed': 'positive',
  'conditionally-agreed': 'positive',
  'conditionally-approved': 'positive',
  'agreed-in-principle': 'positive',
  treated: 'info',
  noted: 'info',
  'replied-to': 'info',
  revised: 'changed',
  merged: 'changed',
  postponed: 'deferred',
  'not-treated': 'deferred',
  withdrawn: 'negative',
  'not-pursued': 'negative',
  rejected: 'negative',
};

/** The colour family of a status id. */
export function statusTone(id: string): Tone {
  return TONES[id] ?? 'pending';
}
