/**
 * What positions, rounds and mail need to know about people (issue 26), behind one narrow interface:
 * who a request's token names, and which organisation an e-mail address or domain belongs to.
 *
 * Today's implementation (RoleTokenDirectory) knows the four role tokens only: an editor is identified by
 * role, the shared delegate link names nobody (so it may not state a position), and no address has an
 * organisation. Registered people (issue 24: a link per person, people stored server-side) come in as
 * another implementation of this interface, passed to startServer's wiring in place of this one: one
 * constructor argument (main.ts, `people`).
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

export type Identification = { ok: true; who: Identity } | { ok: false; why: 'unknown-meeting' | 'missing' | 'wrong' | 'revoked' };

export interface PeopleDirectory {
  /** Who `token` names in the meeting, or why it names nobody. */
  identify(meetingId: string, token: string | null | undefined): Identification;
  /** The organisation of the registered person with this e-mail address, or null. */
  organisationOfEmail(meetingId: string, email: string): string | null;
  /** The organisation whose registered people use this e-mail domain (one organisation only), or null. */
  organisationOfDomain(meetingId: string, domain: string): string | null;
}

/** The directory of a meeting without registered people: its four role tokens. */
export class RoleTokenDirectory implements PeopleDirectory {
  constructor(private readonly catalog: MeetingCatalog) {}

  identify(meetingId: string, token: string | null | undefined): Identification {
    const check = this.catalog.check(meetingId, token);
    if (!check.ok) return check;
    return { ok: true, who: { role: check.role, tokenId: tokenIdOf(token!) } };
  }

  organisationOfEmail(): string | null {
    return null;
  }

  organisationOfDomain(): string | null {
    return null;
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
  if (r.why === 'unknown-meeting') throw new HttpError(404, `no meeting "${meetingId}"`);
  if (r.why === 'missing') throw new HttpError(401, 'this needs a token of the meeting (Authorization: Bearer T)', { 'www-authenticate': 'Bearer' });
  if (r.why === 'revoked') throw new HttpError(401, 'this link was replaced; ask the secretary for your new one');
  throw new HttpError(403, 'the token is not valid for this meeting');
}
