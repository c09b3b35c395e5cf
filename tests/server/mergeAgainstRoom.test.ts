/**
 * An import's change is made against the live room's state vector (MeetingService.importInto): with
 * several processes the stored rows can hold an update another process stored that this room has not
 * applied yet. A change that depends on it alone would stay pending in the room (and, once that row
 * arrived as stored elsewhere, never be stored); made against the room, it carries what the room lacks.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FormatJobs } from '../../server/jobs/FormatJobs.js';
import type { RoomRegistry } from '../../server/sync/RoomRegistry.js';
import { createMeetingDoc, readMeeting } from '../../shared/document/meetingDoc.js';
import { updateContribution } from '../../shared/document/contributionOps.js';
import { sampleMeeting } from '../helpers/startTestServer.js';

// Planning a merge reads no room: the registry is never asked.
const jobs = new FormatJobs({} as RoomRegistry);
afterAll(() => jobs.close());

function pending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

describe('a merge planned on rows the room has not all applied', () => {
  it('carries what the room lacks and applies whole when planned against the room\'s state vector', async () => {
    const stored = createMeetingDoc(sampleMeeting(3));
    const base = Y.encodeStateAsUpdate(stored);
    const id = readMeeting(stored).contributions[0].id;
    // Another process's update: stored, not yet applied by this room.
    const before = Y.encodeStateVector(stored);
    updateContribution(stored, id, { title: 'Retitled on the other process' });
    const elsewhere = Y.encodeStateAsUpdate(stored, before);
    // The file being merged changes that same field again (the room's own edit wins: a conflict) and adds a Tdoc.
    const file = readMeeting(stored);
    file.contributions[0].title = 'Retitled by the import';
    file.contributions.push({ ...file.contributions[1], id: 'added-by-file', number: 'SEC-2026-0099', title: 'Added by the file' });

    const roomOf = () => {
      const room = new Y.Doc();
      Y.applyUpdate(room, base);
      return room;
    };
    const rows = { updates: [base, elsewhere] };

    const room = roomOf();
    const plan = await jobs.planMerge(rows, file, { dryRun: false, by: 'import', against: Y.encodeStateVector(room) });
    Y.applyUpdate(room, plan.change!);
    expect(pending(room)).toBe(false);
    const merged = readMeeting(room).contributions;
    expect(merged.find((c) => c.id === id)!.title).toBe('Retitled on the other process');
    expect(merged.map((c) => c.number)).toContain('SEC-2026-0099');

    // Without it (what importInto did), the change holds only what the merge wrote: the room still lacks
    // the other process's row, which then could only arrive as stored elsewhere.
    const old = roomOf();
    const oldPlan = await jobs.planMerge(rows, file, { dryRun: false, by: 'import' });
    Y.applyUpdate(old, oldPlan.change!);
    expect(readMeeting(old).contributions.find((c) => c.id === id)!.title).not.toBe('Retitled on the other process');
  });
});
