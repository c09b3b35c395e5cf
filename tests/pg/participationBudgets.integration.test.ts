/**
 * Participation budgets shared by every process (issue 23): three `plenary serve` processes on one
 * PostgreSQL; one address (the test's, 127.0.0.1) asks for the floor from new browser ids on each process
 * in turn. The budget of new entries per address (30 at once by default) is spent once, not once per
 * process.
 */
import { describe, expect, it } from 'vitest';
import { pgCluster } from '../helpers/serverTargets.js';
import { sampleMeeting } from '../helpers/startTestServer.js';
import { participant } from '../helpers/participationClient.js';
import { DEFAULT_PARTICIPATION_LIMITS } from '../../server/access/participationLimits.js';

describe('participation budgets on several processes', () => {
  it('G-PART-9 one address spends one budget of new queue entries across three processes', async () => {
    const target = await pgCluster(3);
    const m = await target.createMeeting(sampleMeeting(3));
    const capacity = DEFAULT_PARTICIPATION_LIMITS.newEntriesPerAddress.capacity;
    const statuses: number[] = [];
    for (let i = 0; i < capacity + 9; i++) {
      const url = `http://127.0.0.1:${target.port(i % 3)}`;
      statuses.push((await participant(url, m.id, m.tokens.delegate).queue({ action: 'add', kind: 'reply', name: `Bot ${i}` })).status);
    }
    expect(statuses.filter((s) => s === 200).length).toBe(capacity);
    expect(statuses.slice(capacity)).toEqual(Array(9).fill(429));
  }, 120_000);
});
