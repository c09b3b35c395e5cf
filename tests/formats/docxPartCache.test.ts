/**
 * The Word report's kept parts (shared/formats/docxPartCache.ts): an export after a change is the file a
 * render from scratch gives, byte for byte. The document's dates are the clock's, so the clock is fixed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportMeeting } from '../../shared/formats/index.js';
import { clearPartCache, partCacheStats, resetPartCacheStats } from '../../shared/formats/docxPartCache.js';
import type { MeetingJson } from '../../shared/document/meetingSchema.js';
import { sampleMeeting } from './sampleMeeting.js';

const docx = async (m: MeetingJson) => Buffer.from((await exportMeeting(m, 'docx')).data);

/** A render with nothing kept from before. */
async function fromScratch(m: MeetingJson): Promise<Buffer> {
  clearPartCache();
  return docx(m);
}

describe('the Word report from kept parts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
    clearPartCache();
  });

  it('G-EXP-3 gives after each kind of change the same bytes as a render from scratch, preparing again only the item that changed', async () => {
    const m = sampleMeeting();
    const first = await fromScratch(m);
    const items = partCacheStats().misses;
    expect(items).toBeGreaterThan(3);
    // Nothing changed: every part comes from the cache, the same file.
    resetPartCacheStats();
    expect((await docx(m)).equals(first)).toBe(true);
    expect(partCacheStats()).toMatchObject({ misses: 0, hits: items });

    const tdoc = m.contributions.find((c) => c.agendaItemId)!;
    const item = m.agenda.find((a) => a.id === tdoc.agendaItemId)!;
    const changes: [string, () => void][] = [
      ['a status', () => (tdoc.status = tdoc.status === 'agreed' ? 'noted' : 'agreed')],
      ['a Tdoc title', () => (tdoc.title = `${tdoc.title} (rev)`)],
      ["an item's notes", () => (item.notes = `${item.notes}\nDecided: see above`)],
      ["an item's title", () => (item.title = `${item.title} and more`)],
      ["an item's time", () => (item.spentSeconds = 1_260)],
    ];
    let before = first;
    for (const [what, change] of changes) {
      change();
      resetPartCacheStats();
      const cached = await docx(m);
      const stats = partCacheStats();
      const scratch = await fromScratch(m);
      expect(cached.equals(scratch), what).toBe(true);
      expect(cached.equals(before), what).toBe(false);
      // One item prepared again (two when a change shows in its parent's part too), the rest kept.
      expect(stats.misses, what).toBeGreaterThanOrEqual(1);
      expect(stats.misses, what).toBeLessThanOrEqual(2);
      expect(stats.hits, what).toBeGreaterThanOrEqual(items - 2);
      before = cached;
    }
  });

  it('G-EXP-3 never takes a part for another item: two items that show the same thing at different depths or places stay apart', async () => {
    const m = sampleMeeting();
    const twin = { ...m.agenda[0]!, id: 'twin-item', parentId: m.agenda[1]!.id, rank: 'zz' };
    m.agenda.push(twin);
    await fromScratch(m);
    const cached = await docx(m);
    expect(cached.equals(await fromScratch(m))).toBe(true);
  });
});
