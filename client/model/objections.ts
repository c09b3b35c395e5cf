/**
 * "Objections on your organisation's Tdocs since you last looked" (issue 26): positions `object` stated
 * after `sinceMs` on Tdocs whose source names the organisation (a Tdoc's source lists its companies:
 * "Ericsson, Nokia"), newest first. Needs the person's organisation, which a registered person's link gives.
 */
import type { Position } from '../../shared/positions/positionLedger.js';
import { organisationKey } from '../../shared/positions/positionLedger.js';

/** True when a source line ("Ericsson, Nokia; Huawei") names the organisation. */
export function sourceNames(source: string, organisation: string): boolean {
  const want = organisationKey(organisation);
  return !!want && source.split(/[,;/]|\band\b/).some((s) => organisationKey(s) === want || organisationKey(s).startsWith(`${want} `));
}

export function objectionsSince(list: readonly Position[], organisation: string, sinceMs: number, tdoc: (id: string) => { source: string } | undefined): Position[] {
  return list
    .filter((p) => p.stance === 'object' && Date.parse(p.at) > sinceMs && organisationKey(p.organisation) !== organisationKey(organisation))
    .filter((p) => sourceNames(tdoc(p.contributionId)?.source ?? '', organisation))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
