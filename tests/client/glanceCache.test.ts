// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingStore } from '../../client/sync/MeetingStore.js';
import { forgetGlance, glanceKey, glanceOf, keepGlance, readGlance, saveGlance } from '../../client/sync/glanceCache.js';
import { readLiveGlance } from '../../server/meetings/liveGlance.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';
import { setLive, setMeta } from '../../shared/document/meetingParts.js';
import { meetingFixture } from './meetingFixture.js';

/** A localStorage stand-in that records what was written. */
function memoryStorage() {
  const m = new Map<string, string>();
  const writes: string[] = [];
  return {
    writes,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      writes.push(k);
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
  };
}

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => localStorage.clear());

describe('the glance a phone keeps of the live item', () => {
  it('is what the server answers at /live for the same document', () => {
    const f = meetingFixture();
    setLive(f.doc, { agendaItemId: f.items.security, contributionId: f.tdocs['SEC-2016-0098']!, banner: 'Coffee at 11' });
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0098']!, 'agreed', { by: 'Chair' });
    const store = new MeetingStore(f.doc);
    const glance = glanceOf(store);
    expect(glance).toEqual(readLiveGlance(f.doc));
    expect(glance.item?.title).toBe('Security');
    expect(glance.contributions.map((c) => c.number)).toEqual(['SEC-2016-0094R02', 'SEC-2016-0098']);
    expect(glance.contributions[1]!.statusLabel).toBe('Agreed');
  });

  it('has no item and no rows when nothing is live', () => {
    const f = meetingFixture();
    const glance = glanceOf(new MeetingStore(f.doc));
    expect(glance.item).toBeNull();
    expect(glance.contributions).toEqual([]);
    expect(glance).toEqual(readLiveGlance(f.doc));
  });

  it('is stored, read back and forgotten per meeting, and junk reads as none', () => {
    const f = meetingFixture();
    setLive(f.doc, { agendaItemId: f.items.keys });
    const glance = glanceOf(new MeetingStore(f.doc));
    saveGlance('m1', glance);
    expect(readGlance('m1')).toEqual(glance);
    expect(readGlance('m2')).toBeNull();
    localStorage.setItem(glanceKey('m2'), '{"not":"a glance"}');
    expect(readGlance('m2')).toBeNull();
    localStorage.setItem(glanceKey('m2'), '{broken');
    expect(readGlance('m2')).toBeNull();
    forgetGlance('m1');
    expect(readGlance('m1')).toBeNull();
  });

  it('follows the page once it has synced, and is written once more when it stops', async () => {
    const f = meetingFixture();
    setLive(f.doc, { agendaItemId: f.items.security });
    const store = new MeetingStore(f.doc);
    const storage = memoryStorage();
    let synced = false;
    const listeners = new Set<() => void>();
    const stop = keepGlance({
      meetingId: 'm1',
      store,
      synced: () => synced,
      subscribeSynced: (l) => (listeners.add(l), () => listeners.delete(l)),
      storage,
      delayMs: 5,
    });
    // A local copy not yet brought up to date is never written over what is kept.
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0098']!, 'noted', { by: 'Chair' });
    await tick(30);
    expect(storage.writes).toEqual([]);

    synced = true;
    for (const l of listeners) l();
    await tick(30);
    expect(readGlance('m1', storage)?.contributions.find((c) => c.number === 'SEC-2016-0098')?.statusLabel).toBe('Noted');
    expect(storage.writes).toHaveLength(1);

    // The room moves on: the kept glance follows; a burst of changes is one write.
    setLive(f.doc, { agendaItemId: f.items.keys });
    setMeta(f.doc, { title: 'SEC 23 (renamed)' });
    await tick(30);
    expect(storage.writes).toHaveLength(2);
    const kept = readGlance('m1', storage)!;
    expect(kept.item?.label).toBe('2.1');
    expect(kept.title).toBe('SEC 23 (renamed)');
    expect(kept.contributions.map((c) => c.number)).toEqual(['SEC-2016-0091', 'SEC-2016-0092']);

    // A change that leaves the glance as it was writes nothing.
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0090']!, 'agreed', { by: 'Chair' });
    await tick(30);
    expect(storage.writes).toHaveLength(2);

    // Stopping writes what changed since at once.
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0091']!, 'agreed', { by: 'Chair' });
    stop();
    expect(readGlance('m1', storage)?.contributions[0]?.statusLabel).toBe('Agreed');
    setContributionStatus(f.doc, f.tdocs['SEC-2016-0092']!, 'agreed', { by: 'Chair' });
    await tick(30);
    expect(readGlance('m1', storage)?.contributions[1]?.statusLabel).not.toBe('Agreed');
  });

  it('is written when the page is hidden', async () => {
    const f = meetingFixture();
    setLive(f.doc, { agendaItemId: f.items.security });
    const store = new MeetingStore(f.doc);
    const storage = memoryStorage();
    const stop = keepGlance({ meetingId: 'm1', store, synced: () => true, subscribeSynced: () => () => undefined, storage, delayMs: 60_000 });
    expect(storage.writes).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    expect(readGlance('m1', storage)?.item?.title).toBe('Security');
    stop();
  });
});
