/**
 * The small API later features build on (issue 26: positions per Tdoc by organisation, e-mail approval
 * rounds, reflector mail): who a request speaks for, and which organisation an e-mail address or domain
 * belongs to, from the meeting's registered people. Synchronous, no I/O (the registry answers from the
 * catalog's database or its PostgreSQL mirror).
 */
import type { IncomingMessage } from 'node:http';
import type { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import type { Role } from '../access/roles.js';
import { bearerToken } from '../http/httpUtil.js';
import { emailKey, personKey } from '../../shared/formats/registrationList.js';
import type { PeopleRegistry } from './PeopleRegistry.js';
import { isPublicMailDomain } from './publicMailDomains.js';

/** Who a request speaks for. */
export interface RequestIdentity {
  role: Role | 'admin';
  /** Set for a person's own link (a delegate link that names its holder). */
  personId?: string;
  name?: string;
  organisation?: string;
}

export class PeopleApi {
  constructor(
    private readonly catalog: MeetingCatalog,
    private readonly registry: PeopleRegistry,
    /** True when the request carries the admin token (apiAuth.isAdmin). */
    private readonly isAdmin: (req: IncomingMessage) => boolean,
  ) {}

  /**
   * The identity of a request's token (`Authorization: Bearer T` or `?token=T`) in a meeting, or undefined
   * when it opens nothing there (missing, wrong, revoked or replaced).
   */
  resolve(req: IncomingMessage, url: URL, meetingId: string): RequestIdentity | undefined {
    if (this.isAdmin(req)) return this.catalog.get(meetingId) ? { role: 'admin' } : undefined;
    const check = this.catalog.check(meetingId, bearerToken(req) ?? url.searchParams.get('token'));
    if (!check.ok) return undefined;
    return check.person ? { role: check.role, personId: check.person.id, name: check.person.name, organisation: check.person.organisation } : { role: check.role };
  }

  /** The registered person with this address (any case), if any: their id, name and organisation. */
  personByEmail(meetingId: string, email: string): { personId: string; name: string; organisation: string } | undefined {
    const p = this.registry.byEmail(meetingId, email);
    return p && { personId: p.id, name: p.name, organisation: p.organisation };
  }

  /** The organisation of the person registered with this address, if any. */
  organisationOfEmail(meetingId: string, email: string): string | undefined {
    return this.personByEmail(meetingId, email)?.organisation || undefined;
  }

  /**
   * The organisation whose registered people write from this e-mail domain (`nokia.com` or an address),
   * when exactly one does; undefined when none or several, and for a public mail domain such as gmail.com
   * (publicMailDomains.ts), even when a single organisation's registered people use it.
   */
  organisationOfDomain(meetingId: string, domainOrEmail: string): string | undefined {
    const domain = domainOrEmail.includes('@') ? (emailKey(domainOrEmail).split('@')[1] ?? '') : domainOrEmail;
    if (isPublicMailDomain(domain)) return undefined;
    const orgs = this.registry.organisationsOfDomain(meetingId, domain);
    const distinct = new Map(orgs.map((o) => [personKey(o), o]));
    return distinct.size === 1 ? [...distinct.values()][0] : undefined;
  }
}
