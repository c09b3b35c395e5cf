/**
 * A show of hands whose counts are shown at close, on two real `plenary serve` processes sharing one
 * PostgreSQL and one data folder's key (issue 25): delegates answer through one process, which seals their
 * ballots; the chair, on the other, closes the poll; that process opens them, and both show the same counts,
 * each ballot once.
 */
import { describe, expect, it } from 'vitest';
import { closePoll, openPoll, readPolls } from '../../shared/participation/showOfHands.js';
import { connectClient } from '../helpers/connectClient.js';
import { participant } from '../helpers/participationClient.js';
import { freshPgDatabase } from '../helpers/pgDatabase.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { createMeeting, sampleMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';

const ADMIN = 'sealed-poll-admin';

describe('counts shown at close on several processes', () => {
  it('G-VOTE-3: ballots sealed by one process are opened by the other at the close, each once, and both show the counts', async () => {
    const db = await freshPgDatabase();
    const dataDir = tempDir();
    const procs: ServerProcess[] = [];
    for (let i = 0; i < 2; i++) procs.push(await startServerProcess(dataDir, { adminToken: ADMIN, env: { DATABASE_URL: db, PLENARY_CLUSTER_POLL_MS: '500' } }));
    const [a, b] = procs;
    const m = await createMeeting({ url: a.url, adminToken: ADMIN } as never, sampleMeeting(2));
    await waitFor(async () => (await fetch(`${b.url}/api/meetings/${m.id}/role?token=${encodeURIComponent(m.tokens.chair)}`)).status === 200, { what: 'process B to know the meeting' });
    const chair = connectClient(a.syncUrl, m.id, m.tokens.chair);
    const screen = connectClient(b.syncUrl, m.id, m.tokens.screen);
    await Promise.all([chair.synced(), screen.synced()]);

    const id = openPoll(chair.doc, { question: 'Adopt the reply LS?', options: ['Yes', 'No', 'Abstain'], at: new Date().toISOString(), showCounts: 'at-close' });
    await waitFor(() => readPolls(screen.doc).length === 1, { what: 'the poll on process B' });
    for (const option of ['Yes', 'Yes', 'No']) expect((await participant(b.url, m.id, m.tokens.delegate).answer(id, option)).status).toBe(200);
    await waitFor(() => readPolls(chair.doc)[0]?.sealedCount === 3, { what: 'the three sealed ballots on process A' });
    expect(readPolls(chair.doc)[0].remote).toEqual({ Yes: 0, No: 0, Abstain: 0 });
    expect(readPolls(screen.doc)[0].remote).toEqual({ Yes: 0, No: 0, Abstain: 0 });

    closePoll(chair.doc, id, new Date().toISOString());
    const counted = (doc: typeof chair.doc) => {
      const p = readPolls(doc)[0];
      return p.sealedCount === 0 && JSON.stringify(p.remote) === JSON.stringify({ Yes: 2, No: 1, Abstain: 0 });
    };
    await waitFor(() => counted(chair.doc) && counted(screen.doc), { what: 'the counts on both processes', timeoutMs: 30_000 });
  });
});
