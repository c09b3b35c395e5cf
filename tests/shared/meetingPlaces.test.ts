import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { importMeeting } from '../../shared/formats/index.js';
import { MeetingBuilder } from '../../shared/formats/meetingBuilder.js';
import { isTimeZone, MEETING_PLACES, timeZoneNames, timezoneOfPlace } from '../../shared/time/meetingPlaces.js';
import { readMeta, setMeta } from '../../shared/document/meetingParts.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';

describe('meeting places and their time zones', () => {
  it('maps the cities where 3GPP, ETSI, oneM2M and IETF meet to their IANA zone', () => {
    const cases: [string, string][] = [
      ['Baltimore, USA', 'America/New_York'],
      ['Sophia Antipolis, France', 'Europe/Paris'],
      ['Seoul, South Korea', 'Asia/Seoul'],
      ['Kumkang 3', 'Asia/Seoul'],
      ['Fukuoka, Japan', 'Asia/Tokyo'],
      ['Xiamen, China', 'Asia/Shanghai'],
      ['Athens, Greece', 'Europe/Athens'],
      ['Dallas, TX, US', 'America/Chicago'],
      ['Orlando, FL', 'America/New_York'],
      ['Maastricht, NL', 'Europe/Amsterdam'],
      ['Hefei', 'Asia/Shanghai'],
      ['Jeju, Korea', 'Asia/Seoul'],
      ['Toulouse', 'Europe/Paris'],
      ['Bengaluru, India', 'Asia/Kolkata'],
      ['Chicago', 'America/Chicago'],
      ['Montreal, Canada', 'America/Toronto'],
      ['Bangkok, Thailand', 'Asia/Bangkok'],
      ['Yokohama', 'Asia/Tokyo'],
      ['Dubrovnik, Croatia', 'Europe/Zagreb'],
      ['somewhere in Croatia', 'Europe/Zagreb'],
    ];
    expect(cases.map(([p]) => [p, timezoneOfPlace(p)])).toEqual(cases);
    expect(timezoneOfPlace('Atlantis')).toBeUndefined();
    expect(timezoneOfPlace('somewhere, USA')).toBeUndefined();
  });

  it('names only zones the runtime knows', () => {
    const zones = [...Object.values(MEETING_PLACES.cities), ...Object.values(MEETING_PLACES.countries)];
    expect(zones.filter((z) => !isTimeZone(z))).toEqual([]);
  });

  it('accepts the zones of Intl.supportedValuesOf and UTC, and nothing else', () => {
    expect(timeZoneNames()).toContain('UTC');
    expect(timeZoneNames()).toContain('Asia/Seoul');
    expect(timeZoneNames().every(isTimeZone)).toBe(true);
    for (const z of ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata']) expect(isTimeZone(z), z).toBe(true);
    for (const z of ['Baltimore', '', 'asia/seoul', 'GMT+2', 'Europe/Atlantis', 'Europe/Paris ', 5, null]) expect(isTimeZone(z), String(z)).toBe(false);
  });
});

describe('a meeting refuses a zone that is not one', () => {
  it('parseMeeting refuses it; setMeta refuses it before writing; readMeta reads a stored one as UTC', () => {
    const b = new MeetingBuilder('3gpp');
    const m = b.build();
    expect(parseMeeting({ ...m, meta: { ...m.meta, timezone: 'Baltimore' } })).toMatchObject({
      ok: false,
      errors: [expect.objectContaining({ path: 'meta.timezone' })],
    });
    expect(parseMeeting({ ...m, meta: { ...m.meta, timezone: 'America/New_York' } }).ok).toBe(true);
    const doc = new Y.Doc();
    setMeta(doc, { timezone: 'Asia/Seoul' });
    expect(() => setMeta(doc, { timezone: 'Baltimore' })).toThrow(/timezone: expected an IANA time zone/);
    expect(readMeta(doc).timezone).toBe('Asia/Seoul');
    doc.getMap('meta').set('timezone', 'Baltimore');
    expect(readMeta(doc).timezone).toBe('UTC');
  });

  it('an importer turns a place written as the zone into its zone, and warns about an unknown one', () => {
    const b = new MeetingBuilder('3gpp');
    b.meta.timezone = 'Baltimore';
    expect(b.build().meta.timezone).toBe('America/New_York');
    const c = new MeetingBuilder('3gpp');
    c.meta.timezone = 'CEST';
    expect(c.build().meta.timezone).toBe('UTC');
    expect(c.warnings.map((w) => w.message)).toEqual([expect.stringContaining('time zone "CEST" is not an IANA zone name')]);
  });

  it('a venue gives its zone; an e-meeting or an unknown place leaves UTC and asks the secretary', () => {
    const at = (venue: string, title = 'SA WG2 #135') => {
      const b = new MeetingBuilder('3gpp');
      b.meta.venue = venue;
      b.meta.title = title;
      b.zoneFromVenue();
      return { zone: b.build().meta.timezone, warnings: b.warnings.map((w) => w.message) };
    };
    expect(at('Baltimore, USA')).toEqual({ zone: 'America/New_York', warnings: [] });
    expect(at('e-meeting')).toEqual({ zone: 'UTC', warnings: [expect.stringMatching(/held online \("e-meeting"\).*Meeting tab/)] });
    expect(at('', 'SA2-137E')).toEqual({ zone: 'UTC', warnings: [expect.stringMatching(/held online: .*Meeting tab/)] });
    expect(at('Atlantis')).toEqual({ zone: 'UTC', warnings: [expect.stringMatching(/venue "Atlantis" is not a place .*Meeting tab/)] });
  });

  it('the SEC #23 agenda keeps Asia/Seoul', async () => {
    const data = readFileSync(fileURLToPath(new URL('../fixtures/agenda-sec23.txt', import.meta.url)));
    expect((await importMeeting(data, { format: 'text' })).meeting.meta.timezone).toBe('Asia/Seoul');
  });
});
