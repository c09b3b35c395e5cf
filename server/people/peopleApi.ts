/**
 * The organisations of e-mail addresses and domains, from the meeting's registered people (issue 24, for
 * issue 26's positions and the reflector's mail). Who a request's token names is not here: the catalog's
 * token check answers that for every route (server/access/PeopleDirectory.ts TokenDirectory.identify).
 * Synchronous, no I/O (the registry answers from the catalog's database or its PostgreSQL mirror).
 */
import { emailKey, personKey } from '../../shared/formats/registrationList.js';
import type { PeopleRegistry } from './PeopleRegistry.js';
import { isPublicMailDomain } from './publicMailDomains.js';

export class PeopleApi {
  constructor(private readonly registry: PeopleRegistry) {}

  /** The organisation of the person registered with this address (any case), if any. */
  organisationOfEmail(meetingId: string, email: string): string | undefined {
    return this.registry.byEmail(meetingId, email)?.organisation || undefined;
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
