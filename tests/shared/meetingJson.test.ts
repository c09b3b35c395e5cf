import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importMeeting, exportMeeting, ImportError } from '../../shared/formats/index.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { parseMeeting } from '../../shared/document/validateMeeting.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';

const SEED_PATH = new URL('../fixtures/agenda-sec23.txt', import.meta.url);
let seed: MeetingJson;

beforeAll(async () => {
  seed = (await importMeeting(new Uint8Array(readFileSync(SEED_PATH)), { fileName: 'agenda-sec23.txt' })).meeting;
});

const clone = (m: MeetingJson): MeetingJson => JSON.parse(JSON.stringify(m));
const bytesOf = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

async function importError(value: unknown): Promise<ImportError> {
  try {
    await importMeeting(bytesOf(value), { format: 'json', fileName: 'broken.json' });
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return e as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('meeting JSON round trip', () => {
  it('reads back from a meeting document exactly the seed import it was created from', () => {
    expect(readMeeting(createMeetingDoc(seed))).toEqual(seed);
  });

  it('gives the same meeting on a replica that received the document as a Yjs update', () => {
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(createMeetingDoc(seed)));
    expect(readMeeting(replica)).toEqual(seed);
  });

  it('imports an exported meeting as the same JSON, byte for byte', async () => {
    const exported = await exportMeeting(seed, 'json');
    const text = typeof exported.data === 'string' ? exported.data : new TextDecoder().decode(exported.data);
    expect(exported.contentType).toMatch(/^application\/json/);
    const again = await importMeeting(new TextEncoder().encode(text), { format: 'auto', fileName: 'meeting.json' });
    expect(again.meeting).toEqual(seed);
    expect(again.warnings).toEqual([]);
    const reexported = await exportMeeting(again.meeting, 'json');
    expect(reexported.data).toEqual(exported.data);
  });

  it('keeps the seed\'s awkward values through the round trip: two items "3", an empty title, a mistyped number, line breaks', () => {
    const back = readMeeting(createMeetingDoc(seed));
    expect(back.agenda.filter((a) => a.label === '3')).toHaveLength(2);
    expect(back.contributions.find((c) => c.number === 'PRO-2016-0147')!.title).toBe('');
    expect(back.contributions.some((c) => c.number === 'SEC-2016-0O89R02')).toBe(true);
    expect(back.contributions.find((c) => c.number === 'SEC-2016-0094R02')!.notes).toContain('\nR02: ');
    expect(back.contributions.find((c) => c.number === 'SEC-2016-0103')!.aliases).toEqual(['REQ-2016-0045', 'TP-2016-0110']);
  });
});

describe('strict import of broken meeting JSON', () => {
  it('names the path and the unknown status: contributions[12].status: unknown status "agred"', async () => {
    const m = clone(seed);
    m.contributions[12].status = 'agred';
    const e = await importError(m);
    expect(e.message).toBe('contributions[12].status: unknown status "agred"');
    const res = parseMeeting(m);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors).toEqual([{ path: 'contributions[12].status', message: 'unknown status "agred"' }]);
  });

  it('names every broken field with its path and counts the rest', async () => {
    const m = clone(seed) as unknown as Record<string, any>;
    m.agenda[3].parentId = 'nope';
    m.sessions[0].start = '8:30';
    m.contributions[0].agendaItemId = 'gone';
    const res = parseMeeting(m);
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.errors.map((x) => x.path)).toEqual([
        'agenda[3].parentId',
        'contributions[0].agendaItemId',
        'sessions[0].start',
      ]);
      expect(res.errors[2].message).toBe('expected HH:MM, got "8:30"');
    }
    const e = await importError(m);
    expect(e.message).toBe('agenda[3].parentId: no agenda item "nope" (and 2 more)');
  });

  it('refuses wrong types, a missing field, an unknown purpose and a wrong envelope', async () => {
    const m1 = clone(seed) as unknown as Record<string, any>;
    m1.meta.purpose = 'party';
    expect((await importError(m1)).message).toBe('meta.purpose: expected one of decision, discussion, information, other, got "party"');
    const m2 = clone(seed) as unknown as Record<string, any>;
    delete m2.actions[1].who;
    expect((await importError(m2)).message).toBe('actions[1].who: missing');
    const m3 = clone(seed) as unknown as Record<string, any>;
    m3.contributions[5].aliases = 'SEC-1';
    expect((await importError(m3)).message).toBe('contributions[5].aliases: expected an array of strings');
    const m4 = clone(seed) as unknown as Record<string, any>;
    m4.format = 'something-else';
    expect((await importError(m4)).message).toBe('format: expected "plenary-meeting", got "something-else"');
  });

  it('refuses text that is not JSON with a clear message', async () => {
    expect((await importError('{"format": "plenary-meeting",')).message).toMatch(/^not valid JSON/);
    expect((await importError('[1, 2]')).message).toBe('expected a JSON object');
  });
});
