/**
 * What positions, rounds and mail need to know about people (issue 26), behind one narrow interface:
 * who a request's token names, and which organisation an e-mail address or domain belongs to.
 *
 * TokenDirectory answers from the catalog's token check, which knows the four role tokens and, since
 * issue 24, each registered person's own link (the person's id, registered name and organisation); the
 * organisation of an address or a domain comes from the registered people (server/people/peopleApi.ts),
 * passed in by main.ts. The shared delegate link names nobody (so it may not state a position).
 */
import type { IncomingMessage } from 'node:http';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import { HttpError, bearerToken } from '../http/httpUtil.js';
import type { Role } from './roles.js';
import { tokenIdOf } from './tokens.js';

/** Who a token names. */
export interface Identity {
  role: Role;
  /** The token's public id (tokens.ts tokenIdOf), for the record. */
  tokenId: string;
  /** A registered person's id, name and organisation, when the token is a person's own link. */
  personId?: string;
  name?: string;
  organisation?: string;
}

export type Identification = { ok: true; who: Identity } | { ok: false; why: 'unknown-meeting' | 'missing' | 'wrong' | 'revoked' | 'replaced' | 'unavailable' };

export interface PeopleDirectory {
  /** Who `token` names in the meeting, or why it names nobody. */
  identify(meetingId: string, token: string | null | undefined): Identification;
  /** The organisation of the registered person with this e-mail address, or null. */
  organisationOfEmail(meetingId: string, email: string): string | null;
  /** The organisation whose registered people use this e-mail domain (one organisation only), or null. */
  organisationOfDomain(meetingId: string, domain: string): string | null;
}

/** Where organisations of addresses come from: the meeting's registered people (server/people/peopleApi.ts). */
export interface OrganisationLookup {
  organisationOfEmail(meetingId: string, email: string): string | undefined;
  organisationOfDomain(meetingId: string, domainOrEmail: string): string | undefined;
}

/** The directory of a meeting's tokens: the four role tokens and the registered people's own links. */
export class TokenDirectory implements PeopleDirectory {
  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly organisations?: OrganisationLookup,
  ) {}

  identify(meetingId: string, token: string | null | undefined): Identification {
    const check = this.catalog.check(meetingId, token);
    if (!check.ok) return check;
    const who: Identity = { role: check.role, tokenId: tokenIdOf(token!) };
    if (check.person) Object.assign(who, { personId: check.person.id, name: check.person.name, organisation: check.person.organisation });
    return { ok: true, who };
  }

  organisationOfEmail(meetingId: string, email: string): string | null {
    return this.organisations?.organisationOfEmail(meetingId, email) ?? null;
  }

  organisationOfDomain(meetingId: string, domain: string): string | null {
    return this.organisations?.organisationOfDomain(meetingId, domain) ?? null;
  }
}

/** The organisation of a sender: the person's by e-mail, else the domain's, else ''. */
export function senderOrganisation(people: PeopleDirectory, meetingId: string, address: string): string {
  const email = address.trim().toLowerCase();
  const domain = email.includes('@') ? email.slice(email.lastIndexOf('@') + 1) : '';
  return people.organisationOfEmail(meetingId, email) ?? (domain ? people.organisationOfDomain(meetingId, domain) : null) ?? '';
}

/** Who a request's token (`Authorization: Bearer T` or `?token=T`) names; HttpError 404/401/403 when nobody. */
export function identifyRequest(people: PeopleDirectory, req: IncomingMessage, meetingId: string): Identity {
  const url = new URL(req.url ?? '/', 'http://x');
  const r = people.identify(meetingId, bearerToken(req) ?? url.searchParams.get('token'));
  if (r.ok) return r.who;
  if (r.why === 'unavailable') throw new HttpError(503, 'this server cannot check links just now; try again in a few seconds', { 'retry-after': '2' });
  if (r.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${meetingId}"`);
  if (r.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T)', { 'www-authenticate': 'Bearer' });
  if (r.why === 'revoked' || r.why === 'replaced') throw new HttpError(401, 'this link was replaced; ask the secretary for your new one');
  throw new HttpError(403, 'the token is not valid for this meeting');
}
