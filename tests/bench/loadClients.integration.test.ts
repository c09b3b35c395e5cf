import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startReference, type ServerUnderTest } from '../../bench/serverProcess.js';
import { connectLightFollower } from '../../bench/lightFollower.js';
import { connectFullClient, type FullClient } from '../../bench/fullFollower.js';
import { makeMarker } from '../../bench/marker.js';
import { benchMeeting } from '../../bench/benchMeeting.js';
import { syncUrl } from '../../bench/syncTarget.js';
import { LoadgenProcess } from '../../bench/runLoadgen.js';
import { writeMeeting, readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus } from '../../shared/document/contributionOps.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function reference(): Promise<ServerUnderTest> {
  const server = await startReference();
  cleanup.push(() => server.stop());
  return server;
}

describe('benchmark clients against the reference y-websocket server', () => {
  it('a light follower receives the whole document, then times the marker of an edit', async () => {
    const server = await reference();
    const target = await server.openMeeting(benchMeeting(10));
    const editor: FullClient = connectFullClient(target, {});
    cleanup.push(() => editor.destroy());
    await editor.synced;
    writeMeeting(editor.doc, benchMeeting(10));

    const seen: number[] = [];
    let gotMarker!: () => void;
    const marker = new Promise<void>((r) => (gotMarker = r));
    const light = connectLightFollower(syncUrl(target, {}), (seq, sendNs, arrivalNs) => {
      expect(arrivalNs).toBeGreaterThanOrEqual(sendNs);
      seen.push(seq);
      gotMarker();
    });
    cleanup.push(() => light.close());
    await light.synced;
    expect(light.bytes()).toBeGreaterThan(1000);

    setContributionStatus(editor.doc, 'c2', 'agreed', { by: makeMarker(7, process.hrtime.bigint()) });
    await marker;
    expect(seen).toEqual([7]);
  });

  it('the load generator process runs a small fan-out with nothing missing and full clients equal to the editor', async () => {
    const server = await reference();
    const meeting = benchMeeting(20);
    const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'meeting.json');
    writeFileSync(file, JSON.stringify(meeting));
    const target = await server.openMeeting(meeting);
    const loadgen = new LoadgenProcess({
      mode: 'fanout', target, meetingFile: file, lightFollowers: 5, fullFollowers: 2, edits: 10, editsPerSecond: 50,
      warmupEdits: 2, drainMs: 10_000, connectConcurrency: 10,
    });
    cleanup.push(() => loadgen.stop());
    await loadgen.expect('ready', 20_000);
    loadgen.send({ cmd: 'connect' });
    expect((await loadgen.expect('connected', 20_000)).failed).toBe(0);
    loadgen.send({ cmd: 'edit' });
    const { result } = await loadgen.expect('fanout-result', 20_000);
    expect(result).toMatchObject({ missing: 0, expected: 70, samples: 56, fullContentOk: 2, fullFollowers: 2 });
    expect(result.p99).toBeGreaterThan(0);

    // The room now holds the meeting the editor wrote, with the ten status changes.
    const check = connectFullClient(target, {});
    cleanup.push(() => check.destroy());
    await check.synced;
    const statuses = readMeeting(check.doc).contributions.filter((c) => c.history.length > 0);
    expect(statuses).toHaveLength(10);
  });
});
