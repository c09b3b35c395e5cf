/**
 * A stored row that cannot be read (cut short on disk) does not make its meeting unreadable: the row is
 * quarantined and logged with the meeting's id, and the meeting loads, syncs and exports from the rest.
 * Real SQLite file, server process.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/connectClient.js';
import { createMeeting, type TestServer } from '../helpers/startTestServer.js';
import { startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { DATABASE_FILE } from '../../server/persistence/openDatabase.js';

describe('unreadable stored rows', () => {
  it('G-DUR-4: a stored row cut short is quarantined (logged with the meeting id), and the meeting loads, syncs and exports from the rest', async () => {
    const dir = tempDir('plenary-badrow-');
    let srv = await startServerProcess(dir);
    const m = await createMeeting({ url: srv.url, adminToken: srv.adminToken } as TestServer);
    const chair = connectClient(srv.syncUrl, m.id, m.tokens.chair);
    const reader = connectClient(srv.syncUrl, m.id, m.tokens.delegate);
    await Promise.all([chair.synced(), reader.synced()]);
    setLive(chair.doc, { banner: 'kept' });
    // Another client has it, so it is stored (G-DUR-1).
    await waitFor(() => readLive(reader.doc).banner === 'kept');
    chair.destroy();
    reader.destroy();
    await srv.kill();

    const db = new Database(join(dir, DATABASE_FILE));
    const rows = db.prepare('SELECT id, data FROM updates WHERE meeting_id = ? ORDER BY id').all(m.id) as { id: number; data: Buffer }[];
    const last = rows[rows.length - 1].data;
    db.prepare('INSERT INTO updates (meeting_id, data) VALUES (?, ?)').run(m.id, last.subarray(0, Math.max(3, last.length >> 1)));
    db.close();

    srv = await startServerProcess(dir, { port: srv.port });
    const again = connectClient(srv.syncUrl, m.id, m.tokens.secretary);
    await again.synced();
    expect(readLive(again.doc).banner).toBe('kept');
    setLive(again.doc, { banner: 'after' });
    const res = await fetch(`${srv.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`);
    expect(res.status).toBe(200);
    await waitFor(async () => {
      const r = await fetch(`${srv.url}/api/meetings/${m.id}/export.json?token=${m.tokens.chair}`);
      return ((await r.json()) as { live: { banner: string } }).live.banner === 'after';
    });
    expect(again.closes).toEqual([]);
    const check = new Database(join(dir, DATABASE_FILE), { readonly: true });
    const held = check.prepare('SELECT meeting_id, reason FROM quarantined_updates').all() as { meeting_id: string; reason: string }[];
    check.close();
    expect(held).toHaveLength(1);
    expect(held[0].meeting_id).toBe(m.id);
    expect(held[0].reason).toMatch(/unreadable stored update/);
    const line = srv.output.stderr.split('\n').find((l) => l.includes('quarantined'));
    expect(line).toContain(m.id);
  });
});
