/**
 * The reflector's mail through a real server: an mbox upload read in the mail worker, threads per Tdoc,
 * messages naming no Tdoc listed apart, duplicates stored once, a watched maildir across a restart.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMeeting, sampleMeeting, startTestServer, type CreatedTestMeeting, type TestServer } from '../helpers/startTestServer.js';
import { tempDir } from '../helpers/tempDir.js';
import { waitFor } from '../helpers/waitFor.js';
import { readMbox } from '../../server/jobs/readMailbox.js';
import { connectClient } from '../helpers/connectClient.js';
import { mboxMessage } from '../helpers/mboxMessage.js';

async function post(ts: TestServer, m: CreatedTestMeeting, token: string, body: string, type = 'application/mbox') {
  const res = await fetch(`${ts.url}/api/meetings/${m.id}/mail`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
  return { status: res.status, json: (await res.json()) as any };
}

async function get(ts: TestServer, m: CreatedTestMeeting, token: string, path: string) {
  const res = await fetch(`${ts.url}/api/meetings/${m.id}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, json: (await res.json()) as any };
}

describe('reading an mbox', () => {
  it('G-MAIL-1: splits messages at "From " lines and gives escaped ">From " lines back as they were written', async () => {
    const mbox = mboxMessage({ id: 'a@x', subject: 'one', body: 'From the chair: fine.\n>From earlier\nsecond line\n' }) + mboxMessage({ id: 'b@x', subject: 'two' });
    const { messages } = await readMbox(new TextEncoder().encode(mbox));
    expect(messages.map((x) => [x.messageId, x.subject])).toEqual([
      ['<a@x>', 'one'],
      ['<b@x>', 'two'],
    ]);
    // The first line's escape is undone; the quoted line (">From earlier", escaped once more) is a quote and left out.
    expect(messages[0].firstLines).toBe('From the chair: fine.\nsecond line');
    await expect(readMbox(new TextEncoder().encode('{"not": "mail"}'))).rejects.toThrow(/not an mbox/);
  });
});

describe('the reflector\'s mail', () => {
  it('G-MAIL-2: attaches each message to the Tdocs its subject names, keeps those naming none apart, stores a Message-ID once, and keeps mail out of the document', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(3));
    const mbox = [
      mboxMessage({ id: '1@e', subject: '[SEC#23][1][SEC-2026-0001] Comments on the CR' }),
      mboxMessage({ id: '2@n', from: 'ann@nokia.com', subject: 'Re: [Nokia] SEC-2026-0001 and SEC-2026-0002r1' }),
      mboxMessage({ id: '3@q', subject: 'Agenda for Thursday' }),
      mboxMessage({ id: '1@e', subject: '[SEC#23][1][SEC-2026-0001] Comments on the CR' }),
      mboxMessage({ subject: 'no id: about SEC-2026-0003' }),
    ].join('');
    const first = await post(ts, m, m.tokens.secretary, mbox);
    expect(first).toEqual({ status: 200, json: { attached: 3, unmatched: 1, duplicates: 1, messages: 5, unreadable: 0 } });
    expect((await post(ts, m, m.tokens.chair, mbox)).json).toMatchObject({ attached: 0, unmatched: 0, duplicates: 5 });
    const thread = await get(ts, m, m.tokens.chair, '/mail?tdoc=SEC-2026-0001');
    expect(thread.json.messages.map((x: any) => [x.messageId, x.fromAddress, x.organisation])).toEqual([
      ['<1@e>', 'jane@ericsson.com', ''],
      ['<2@n>', 'ann@nokia.com', ''],
    ]);
    expect(thread.json.messages[0].firstLines).toBe('Hi all,\nFine with us.');
    expect((await get(ts, m, m.tokens.chair, '/mail?tdoc=SEC-2026-0002')).json.messages).toHaveLength(1);
    expect((await get(ts, m, m.tokens.chair, '/mail/unmatched')).json).toMatchObject({ total: 1, messages: [{ subject: 'Agenda for Thursday' }] });
    expect((await get(ts, m, m.tokens.secretary, '/mail/counts')).json).toEqual({ 'SEC-2026-0001': 2, 'SEC-2026-0002': 1, 'SEC-2026-0003': 1 });
    // Mail carries addresses: the shared link and the screen read none of it, and the document holds none.
    expect((await get(ts, m, m.tokens.delegate, '/mail?tdoc=SEC-2026-0001')).status).toBe(403);
    expect((await get(ts, m, m.tokens.screen, '/mail/counts')).status).toBe(403);
    const reader = connectClient(ts.syncUrl, m.id, m.tokens.delegate);
    await reader.synced();
    const { encodeStateAsUpdate } = await import('yjs');
    expect(Buffer.from(encodeStateAsUpdate(reader.doc)).toString('latin1')).not.toContain('ericsson.com');
  });

  it('G-MAIL-3: a file that is not an mbox, an empty body, a wrong type or a delegate\'s upload is refused with a JSON error and stores nothing', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts, sampleMeeting(1));
    const notMbox = await post(ts, m, m.tokens.secretary, 'Subject: hello\n\nbody\n');
    expect(notMbox.status).toBe(422);
    expect(notMbox.json.error).toMatch(/not an mbox/);
    expect((await post(ts, m, m.tokens.secretary, '')).status).toBe(400);
    expect((await post(ts, m, m.tokens.secretary, '{}', 'application/json')).status).toBe(415);
    expect((await post(ts, m, m.tokens.delegate, mboxMessage({ subject: 'x' }))).status).toBe(403);
    expect((await get(ts, m, m.tokens.chair, '/mail/unmatched')).json.total).toBe(0);
  });

  it('G-MAIL-4: a watched maildir\'s new files are taken in within seconds, each once, also across a restart and a move to cur/', async () => {
    const ts = await startTestServer({ maildir: { scanMs: 200 } });
    const m = await createMeeting(ts, sampleMeeting(2));
    const dir = tempDir('plenary-maildir-');
    for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(dir, sub));
    const put = async (path: string, body: unknown) =>
      fetch(`${ts.url}/api/meetings/${m.id}/maildir`, { method: 'PUT', headers: { authorization: `Bearer ${ts.adminToken}` }, body: JSON.stringify(body) });
    expect((await put('', { path: '/nonexistent/folder' })).status).toBe(400);
    expect((await put('', { path: dir })).status).toBe(200);
    writeFileSync(join(dir, 'new', '1700000000.M1P1.host'), mboxMessage({ id: 'md1@x', subject: '[SEC-2026-0002] first' }).split('\n').slice(1).join('\n'));
    const thread = (t: TestServer) => get(t, m, m.tokens.chair, '/mail?tdoc=SEC-2026-0002');
    await waitFor(async () => (await thread(ts)).json.messages.length === 1, { what: 'the maildir message to be taken in' });
    await ts.stop();
    // While the server is down: the mail client files the first message, and a second one arrives.
    renameSync(join(dir, 'new', '1700000000.M1P1.host'), join(dir, 'cur', '1700000000.M1P1.host:2,S'));
    writeFileSync(join(dir, 'new', '1700000001.M2P1.host'), mboxMessage({ id: 'md2@x', subject: 'Re: [SEC-2026-0002] second' }).split('\n').slice(1).join('\n'));
    const again = await ts.restart();
    await waitFor(async () => (await thread(again)).json.messages.length === 2, { what: 'the second maildir message after the restart' });
    expect((await thread(again)).json.messages.map((x: any) => x.messageId)).toEqual(['<md1@x>', '<md2@x>']);
    expect(await (await fetch(`${again.url}/api/meetings/${m.id}/maildir`, { headers: { authorization: `Bearer ${again.adminToken}` } })).json()).toEqual({ path: dir });
  });
});
