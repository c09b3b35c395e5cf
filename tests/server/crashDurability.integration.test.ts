/**
 * CONTRACT.md §4: "An edit that the server has broadcast is already durable." A real server process is
 * killed with SIGKILL right after another client received an edit, restarted on the same folder, and the
 * edit is there.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { createMeeting, sampleMeeting } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMeeting } from '../../shared/document/meetingDoc.js';
import { setContributionStatus, updateContribution } from '../../shared/document/contributionOps.js';

describe('durability against a killed server', () => {
  it('G-DUR-1: keeps an edit another client received when the server is killed with SIGKILL right after', async () => {
    const dataDir = tempDir();
    const first = await startServerProcess(dataDir, { adminToken: 'crash-admin' });
    const m = await createMeeting({ url: first.url, adminToken: first.adminToken } as never, sampleMeeting(5));
    const chair = connectClient(first.syncUrl, m.id, m.tokens.chair);
    const delegate = connectClient(first.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), delegate.synced()]);

    // A burst of edits, the last of which the delegate receives; then the kill, at once.
    const rows = readMeeting(chair.doc).contributions;
    for (let i = 0; i < 50; i++) updateContribution(chair.doc, rows[i % rows.length].id, { title: `edit ${i}` });
    setContributionStatus(chair.doc, rows[4].id, 'agreed', { by: 'chair' });
    await new Promise<void>((resolve) => {
      const check = () => {
        if (readMeeting(delegate.doc).contributions.find((c) => c.id === rows[4].id)?.status === 'agreed') {
          first.proc.kill('SIGKILL');
          delegate.doc.off('update', check);
          resolve();
        }
      };
      delegate.doc.on('update', check);
      check();
    });
    const seenByDelegate = readMeeting(delegate.doc);
    chair.destroy();
    delegate.destroy();
    await waitFor(() => first.proc.signalCode === 'SIGKILL', { what: 'the server to die' });

    const second = await startServerProcess(dataDir, { adminToken: 'crash-admin' });
    expect(second.output.stdout).not.toContain('admin token');
    const fresh = connectClient(second.syncUrl, m.id, m.tokens.screen);
    await fresh.synced();
    const after = readMeeting(fresh.doc);
    expect(after.contributions.find((c) => c.id === rows[4].id)?.status).toBe('agreed');
    expect(after.contributions.map((c) => c.title)).toEqual(seenByDelegate.contributions.map((c) => c.title));
  }, 120_000);
});
