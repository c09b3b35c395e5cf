/** The people API later issues build on (issue 24 for 26): a request's identity, organisations by e-mail and domain. */
import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { MeetingCatalog } from '../../server/meetings/MeetingCatalog.js';
import { PeopleRegistry } from '../../server/people/PeopleRegistry.js';
import { PeopleApi } from '../../server/people/peopleApi.js';
import { newSealingKey } from '../../server/access/tokens.js';

function req(token?: string): IncomingMessage {
  return { headers: token ? { authorization: `Bearer ${token}` } : {} } as IncomingMessage;
}

describe('the people API for later issues', () => {
  it('G-PEOPLE-14 resolves a token to its role and person, and finds organisations by e-mail and by domain (one organisation only)', () => {
    const db = openDatabase(':memory:');
    const key = newSealingKey();
    const catalog = new MeetingCatalog(db, key);
    const registry = new PeopleRegistry(db, key);
    catalog.setPersonLookup((m, h) => registry.lookupHash(m, h));
    const tokens = catalog.create({ id: 'm1', title: 'M', startDate: '2026-01-01', endDate: '2026-01-02' });
    registry.merge('m1', [
      { name: 'Ann Lee', organisation: 'Nokia', email: 'ann@nokia.com', place: '', at: 1 },
      { name: 'Ben Ode', organisation: 'NOKIA ', email: 'ben@nokia.com', place: '', at: 2 },
      { name: 'Gus Free', organisation: 'Ericsson', email: 'gus@gmail.com', place: '', at: 3 },
      { name: 'Hal Free', organisation: 'Huawei', email: 'hal@gmail.com', place: '', at: 4 },
    ]);
    const api = new PeopleApi(catalog, registry, (r) => r.headers.authorization === 'Bearer ADMIN');
    const url = new URL('http://x/');
    const ann = registry.list('m1').find((p) => p.name === 'Ann Lee')!;
    expect(api.resolve(req(registry.token('m1', ann.id)), url, 'm1')).toEqual({ role: 'delegate', personId: ann.id, name: 'Ann Lee', organisation: 'Nokia' });
    expect(api.resolve(req(tokens.chair), url, 'm1')).toEqual({ role: 'chair' });
    expect(api.resolve(req('ADMIN'), url, 'm1')).toEqual({ role: 'admin' });
    expect(api.resolve(req('nope'), url, 'm1')).toBeUndefined();
    expect(api.organisationOfEmail('m1', 'ANN@nokia.com')).toBe('Nokia');
    expect(api.organisationOfEmail('m1', 'who@nokia.com')).toBeUndefined();
    expect(api.organisationOfDomain('m1', 'nokia.com')).toBe('Nokia');
    expect(api.organisationOfDomain('m1', 'someone@nokia.com')).toBe('Nokia');
    expect(api.organisationOfDomain('m1', 'gmail.com')).toBeUndefined();
    expect(api.organisationOfDomain('m1', '%')).toBeUndefined();
  });
});
