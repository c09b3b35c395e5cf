import { describe, expect, it } from 'vitest';
import { hashToken, newSealingKey, newToken, sealToken, tokenMatches, unsealToken } from '../../server/access/tokens.js';
import { isValidMeetingId, newMeetingId } from '../../shared/document/meetingId.js';
import { redactUrl } from '../../server/access/authorizeUpgrade.js';
import { openDatabase } from '../../server/persistence/openDatabase.js';
import { MeetingCatalog } from '../../server/meetings/MeetingCatalog.js';

describe('tokens', () => {
  it('are 32 random bytes in base64url, different each time', () => {
    const a = newToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(a);
  });

  it('match only their own hash', () => {
    const t = newToken();
    expect(tokenMatches(t, hashToken(t))).toBe(true);
    expect(tokenMatches(t + 'x', hashToken(t))).toBe(false);
    expect(tokenMatches('', hashToken(t))).toBe(false);
  });

  it('unseal with their key and refuse another key', () => {
    const key = newSealingKey();
    const t = newToken();
    const sealed = sealToken(key, t);
    expect(sealed.toString('utf8')).not.toContain(t);
    expect(unsealToken(key, sealed)).toBe(t);
    expect(() => unsealToken(newSealingKey(), sealed)).toThrow();
  });

  it('are redacted from URLs before logging', () => {
    expect(redactUrl('/sync/a-b?token=SECRET&x=1')).toBe('/sync/a-b?token=[redacted]&x=1');
    expect(redactUrl('/api/meetings/m/export.json?x=1&token=SECRET')).toBe('/api/meetings/m/export.json?x=1&token=[redacted]');
  });
});

describe('the meeting catalog', () => {
  it('tells a role, a missing, wrong, revoked or other-meeting token and an unknown meeting apart', () => {
    const catalog = new MeetingCatalog(openDatabase(':memory:'), newSealingKey());
    const a = catalog.create({ id: 'meeting-a', title: 'A', startDate: '', endDate: '' });
    const b = catalog.create({ id: 'meeting-b', title: 'B', startDate: '', endDate: '' });
    expect(catalog.check('meeting-a', a.delegate)).toEqual({ ok: true, role: 'delegate' });
    expect(catalog.check('meeting-a', a.secretary)).toEqual({ ok: true, role: 'secretary' });
    expect(catalog.check('meeting-a', undefined)).toEqual({ ok: false, why: 'missing' });
    expect(catalog.check('meeting-a', 'nope')).toEqual({ ok: false, why: 'wrong' });
    expect(catalog.check('meeting-a', b.chair)).toEqual({ ok: false, why: 'wrong' });
    expect(catalog.check('meeting-c', a.chair)).toEqual({ ok: false, why: 'unknown-meeting' });
    const rotated = catalog.rotate('meeting-a');
    expect(catalog.check('meeting-a', a.chair)).toEqual({ ok: false, why: 'revoked' });
    expect(catalog.check('meeting-a', rotated.chair)).toEqual({ ok: true, role: 'chair' });
    expect(catalog.tokens('meeting-a')).toEqual(rotated);
    expect(catalog.check('meeting-b', b.screen)).toEqual({ ok: true, role: 'screen' });
  });
});

describe('meeting ids', () => {
  it('accept readable slugs and refuse anything that could reach a path or a URL badly', () => {
    for (const ok of ['sec-23-k3x9q2', 'abc', 'a1b', 'meeting-0123456789']) expect(isValidMeetingId(ok), ok).toBe(true);
    for (const bad of ['', 'ab', '-abc', 'abc-', 'a--b', 'ABC', '../etc', 'a/b', 'a b', 'a'.repeat(65), 'é-abc', 42, null]) {
      expect(isValidMeetingId(bad), String(bad)).toBe(false);
    }
  });

  it('are made from the title with a random suffix', () => {
    expect(newMeetingId('SEC #23 – Seoul (F2F)')).toMatch(/^sec-23-seoul-f2f-[a-z0-9]{6}$/);
    expect(newMeetingId('')).toMatch(/^meeting-[a-z0-9]{6}$/);
    expect(isValidMeetingId(newMeetingId('---'))).toBe(true);
    expect(isValidMeetingId(newMeetingId('x'.repeat(100)))).toBe(true);
  });
});
