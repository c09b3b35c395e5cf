/** What later issues build on (issue 24 for 26): a token's identity (TokenDirectory), organisations by e-mail and domain (PeopleApi). */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { MeetingCatalog } from '../../server/meetings/MeetingCatalog.js';
import { PeopleRegistry } from '../../server/people/PeopleRegistry.js';
import { PeopleApi } from '../../server/people/peopleApi.js';
import { newSealingKey, tokenIdOf } from '../../server/access/tokens.js';
import { TokenDirectory } from '../../server/access/PeopleDirectory.js';

describe('the people API for later issues', () => {
  it("G-PEOPLE-14 names a token's role and person, and finds organisations by e-mail and by domain (one organisation only)", () => {
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
    const api = new PeopleApi(registry);
    const directory = new TokenDirectory(catalog, api);
    const ann = registry.list('m1').find((p) => p.name === 'Ann Lee')!;
    const annToken = registry.token('m1', ann.id)!;
    expect(directory.identify('m1', annToken)).toEqual({ ok: true, who: { role: 'delegate', tokenId: tokenIdOf(annToken), personId: ann.id, name: 'Ann Lee', organisation: 'Nokia' } });
    expect(directory.identify('m1', tokens.chair)).toEqual({ ok: true, who: { role: 'chair', tokenId: tokenIdOf(tokens.chair) } });
    expect(directory.identify('m1', 'nope')).toEqual({ ok: false, why: 'wrong' });
    expect(directory.identify('m2', tokens.chair)).toEqual({ ok: false, why: 'unknown-meeting' });
    expect(directory.organisationOfEmail('m1', 'ann@nokia.com')).toBe('Nokia');
    expect(directory.organisationOfDomain('m1', 'gmail.com')).toBeNull();
    expect(api.organisationOfEmail('m1', 'ANN@nokia.com')).toBe('Nokia');
    expect(api.organisationOfEmail('m1', 'who@nokia.com')).toBeUndefined();
    expect(api.organisationOfDomain('m1', 'nokia.com')).toBe('Nokia');
    expect(api.organisationOfDomain('m1', 'someone@nokia.com')).toBe('Nokia');
    expect(api.organisationOfDomain('m1', 'gmail.com')).toBeUndefined();
    expect(api.organisationOfDomain('m1', '%')).toBeUndefined();
  });
});
