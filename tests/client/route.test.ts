import { describe, expect, it } from 'vitest';
import { canEdit, parseRoute, takeLinkParams } from '../../client/route.js';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('parseRoute', () => {
  it('reads meeting, role and view from the four link paths', () => {
    expect(parseRoute('/m/sec-23/chair-board')).toEqual({ meetingId: 'sec-23', role: 'chair', view: 'board' });
    expect(parseRoute('/m/sec-23/secretary-board/')).toEqual({ meetingId: 'sec-23', role: 'secretary', view: 'board' });
    expect(parseRoute('/m/sec-23/delegate-follow')).toEqual({ meetingId: 'sec-23', role: 'delegate', view: 'follow' });
    expect(parseRoute('/m/sec-23/screen-room')).toEqual({ meetingId: 'sec-23', role: 'screen', view: 'room' });
  });

  it('refuses other paths', () => {
    for (const p of ['/', '/m/x', '/m/x/admin-board', '/m/x/chair', '/m/%E0%A4%A/chair-board', '/api/meetings']) expect(parseRoute(p)).toBeNull();
  });

  it('lets only chair and secretary edit', () => {
    expect(canEdit('chair')).toBe(true);
    expect(canEdit('secretary')).toBe(true);
    expect(canEdit('delegate')).toBe(false);
    expect(canEdit('screen')).toBe(false);
  });
});

describe('takeLinkParams', () => {
  const route = { meetingId: 'sec-23', role: 'screen' as const, view: 'room' as const };

  it('moves the token (and the screen\'s follow link) out of the address into storage', () => {
    const s = memoryStorage();
    const r = takeLinkParams(route, { pathname: '/m/sec-23/screen-room', search: '?token=T1&follow=D1&lang=en', hash: '#x' }, s);
    expect(r.params).toEqual({ token: 'T1', follow: 'D1' });
    expect(r.cleanUrl).toBe('/m/sec-23/screen-room?lang=en#x');
    expect(s.m.get('plenary:sec-23:screen:token')).toBe('T1');
  });

  it('falls back to the stored token after a reload, and leaves a clean address alone', () => {
    const s = memoryStorage();
    takeLinkParams(route, { pathname: '/m/sec-23/screen-room', search: '?token=T1', hash: '' }, s);
    const again = takeLinkParams(route, { pathname: '/m/sec-23/screen-room', search: '', hash: '' }, s);
    expect(again).toEqual({ params: { token: 'T1' }, cleanUrl: null });
  });

  it('works when storage throws (private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    const r = takeLinkParams(route, { pathname: '/m/sec-23/screen-room', search: '?token=T2', hash: '' }, broken);
    expect(r.params.token).toBe('T2');
    expect(r.cleanUrl).toBe('/m/sec-23/screen-room');
  });
});
