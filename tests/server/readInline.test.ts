/**
 * Small meeting JSON is read on the event loop (issue 27: a format worker's start cost ~0.7 s per
 * server's first upload, most of a small test's time); everything else still goes to a worker.
 */
import { describe, expect, it } from 'vitest';
import { READ_INLINE_JSON_BYTES, readsInline } from '../../server/meetings/MeetingService.js';
import { sampleMeeting } from '../helpers/startTestServer.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('which uploads are read without a worker', () => {
  it('reads small meeting JSON inline, by its format or by its content', () => {
    const json = bytes(JSON.stringify(sampleMeeting(3)));
    expect(json.length).toBeLessThan(READ_INLINE_JSON_BYTES);
    expect(readsInline(json, { format: 'auto' })).toBe(true);
    expect(readsInline(json, { format: 'json' })).toBe(true);
    expect(readsInline(json, { format: 'auto', fileName: 'meeting.json' })).toBe(true);
  });

  it('sends larger JSON and every other format to a worker', () => {
    const big = bytes(JSON.stringify(sampleMeeting(600)));
    expect(big.length).toBeGreaterThan(READ_INLINE_JSON_BYTES);
    expect(readsInline(big, { format: 'auto' })).toBe(false);
    expect(readsInline(bytes('1 Opening\n2 Approval of the agenda\n'), { format: 'auto', fileName: 'agenda.txt' })).toBe(false);
    expect(readsInline(bytes('Tdoc,Title\nS2-1,A\n'), { format: 'csv' })).toBe(false);
    // A zip (an .xlsx or .docx) is never JSON, whatever it is called.
    expect(readsInline(Uint8Array.from([0x50, 0x4b, 3, 4, 0, 0]), { format: 'auto', fileName: 'x.json' })).toBe(false);
  });
});
