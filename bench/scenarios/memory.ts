/**
 * What a server's memory at 1,000 followers is made of: Plenary and the reference each started fresh (with
 * their inspector), the fan-out's 150-Tdoc meeting opened (the reference's room seeded by an editor, as in
 * the fan-out), then N light followers connected and synced; RSS and a heap snapshot (after a full GC)
 * before the followers and after, and what grew between the two snapshots, by constructor.
 */
import * as Y from 'yjs';
import { benchMeeting } from '../benchMeeting.js';
import { connectFullClient } from '../fullFollower.js';
import { connectLightFollower, type LightFollower } from '../lightFollower.js';
import { heapGrowth, heapSummary, type HeapSummary } from '../heapSnapshot.js';
import { rssKb } from '../procStats.js';
import { startPlenary, startReference, type ServerUnderTest } from '../serverProcess.js';
import { syncUrl } from '../syncTarget.js';
import { fmt, type BenchOptions, type Section } from '../section.js';
import { createMeetingDoc } from '../../shared/document/meetingDoc.js';
import { FANOUT_BOARD_TDOCS } from './fanoutRun.js';

interface Measured {
  label: string;
  rssBefore: number;
  rssAfter: number;
  heapBefore: HeapSummary;
  heapAfter: HeapSummary;
}

async function measure(start: () => Promise<ServerUnderTest>, followers: number): Promise<Measured> {
  const server = await start();
  const meeting = benchMeeting(FANOUT_BOARD_TDOCS);
  const target = await server.openMeeting(meeting);
  const editor = connectFullClient(target, target.editorParams);
  const light: LightFollower[] = [];
  try {
    await editor.synced;
    if (target.seedFromEditor) Y.applyUpdate(editor.doc, Y.encodeStateAsUpdate(createMeetingDoc(meeting)));
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssKb(server.pid);
    const heapBefore = await heapSummary(server.inspectorUrl!);
    const url = syncUrl(target, target.followerParams);
    for (let i = 0; i < followers; i += 50) {
      const batch = Array.from({ length: Math.min(50, followers - i) }, () => connectLightFollower(url, () => undefined));
      light.push(...batch);
      await Promise.all(batch.map((f) => f.synced));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const rssAfter = rssKb(server.pid);
    const heapAfter = await heapSummary(server.inspectorUrl!);
    return { label: server.label, rssBefore, rssAfter, heapBefore, heapAfter };
  } finally {
    for (const f of light) f.close();
    editor.destroy();
    await server.stop();
  }
}

export async function memoryScenario(opts: BenchOptions): Promise<Section> {
  const n = opts.quick ? 100 : Math.max(...opts.followers.filter((f) => f <= 1000), 100);
  opts.log(`memory: ${n} followers, Plenary then the reference`);
  const runs = [await measure(() => startPlenary({ inspect: true }), n), await measure(() => startReference({ inspect: true }), n)];
  const rows: string[][] = [];
  const kb = (bytes: number) => fmt(bytes / 1024, 0);
  for (const r of runs) {
    rows.push([r.label, 'RSS (MB) before / after the followers', `${fmt(r.rssBefore / 1024, 0)} / ${fmt(r.rssAfter / 1024, 0)}`, `${fmt((r.rssAfter - r.rssBefore) / n, 1)} KB per follower`]);
    rows.push([r.label, 'JS heap in the snapshot (MB) before / after', `${fmt(r.heapBefore.totalBytes / 2 ** 20, 1)} / ${fmt(r.heapAfter.totalBytes / 2 ** 20, 1)}`, `${fmt((r.heapAfter.totalBytes - r.heapBefore.totalBytes) / n / 1024, 1)} KB per follower`]);
    for (const g of heapGrowth(r.heapBefore, r.heapAfter, 12)) rows.push([r.label, `grew: ${g.key.replace(/\|/g, '/')}`, `${kb(g.bytes)} KB`, `${g.count} objects (${fmt(g.bytes / n, 0)} B per follower)`]);
  }
  return {
    title: 'What the memory holds',
    method:
      `Plenary (\`plenary serve\`, SQLite, tokens) and the reference server, each a fresh process with its inspector, the fan-out's ${FANOUT_BOARD_TDOCS}-Tdoc meeting open ` +
      `(the reference's room seeded by an editor), then ${n} light followers (bench/lightFollower.ts) connected and synced. RSS from /proc; the JS heap from a heap snapshot ` +
      'after a full collection (bench/heapSnapshot.ts), before and after the followers, summed by constructor (self sizes); "grew" lists what the followers added, largest first. ' +
      'RSS also holds what no heap snapshot shows: the code and the V8 and Node runtime (loaded modules: Plenary loads the server, SQLite, pino, prom-client, tsx), malloc arenas and socket buffers.',
    header: ['server', 'figure', 'value', 'per follower / objects'],
    rows,
    checks: [],
    notes: [],
  };
}
