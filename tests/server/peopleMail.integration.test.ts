/** Sending people their links by mail (issue 24), through a real SMTP server process (smtp-server). */
import { describe, expect, it } from 'vitest';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { call, importPeople } from '../helpers/peopleClient.js';
import { startSmtpSink } from '../helpers/smtpSink.js';
import { waitFor } from '../helpers/waitFor.js';

describe('links by mail (issue 24)', () => {
  it('G-PEOPLE-7 with SMTP set, each person gets their own link by mail in the background, with progress and a result per person; sending again sends only to those not yet sent', async () => {
    const smtp = await startSmtpSink();
    const ts = await startTestServer({ mail: { url: smtp.url, from: 'Plenary <plenary@board.example>', perSecond: 50 } });
    const m = await createMeeting(ts);
    const list = [
      { name: 'Ann Lee', organisation: 'Ericsson', email: 'ann@ericsson.example' },
      { name: 'Bob Refuse', organisation: 'Nokia', email: 'refuse-bob@nokia.example' },
      { name: 'Cy Park', organisation: 'Huawei', email: 'cy@huawei.example' },
      { name: 'No Address', organisation: 'ETSI', email: '' },
    ];
    const { people } = await importPeople(ts, m.id, m.tokens.secretary, JSON.stringify(list), 'application/json');
    expect((await call(ts, m.id, '/people/mail', m.tokens.delegate, { body: '{}', type: 'application/json' })).status).toBe(403);
    const started = await call(ts, m.id, '/people/mail', m.tokens.secretary, { body: '{}', type: 'application/json' });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ configured: true, total: 3 });
    const done = await waitFor(async () => {
      const s = (await call(ts, m.id, '/people/mail', m.tokens.secretary)).json;
      return s.running === false && (s.sent as number) + (s.refused as number) === 3 ? s : undefined;
    });
    expect(done).toMatchObject({ sent: 2, refused: 1, pending: 1 });
    const mails = await smtp.messages();
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      const to = (mail.to as { value: { address: string }[] }).value[0].address;
      const person = people.find((p) => p.email === to)!;
      expect(mail.subject).toBe('Your link to Test meeting');
      expect(mail.from?.text).toContain('plenary@board.example');
      expect(mail.text).toContain(person.link);
      expect(mail.text).toContain(`Dear ${person.name}`);
    }
    const after = (await call(ts, m.id, '/people', m.tokens.secretary)).json as unknown as { email: string; mail: { state: string; error: string } }[];
    expect(after.find((p) => p.email === 'refuse-bob@nokia.example')!.mail).toMatchObject({ state: 'refused', error: expect.stringContaining('550') });
    // Again: only the one refused is tried again; nobody gets a second mail.
    await call(ts, m.id, '/people/mail', m.tokens.secretary, { body: '{}', type: 'application/json' });
    await waitFor(async () => (await call(ts, m.id, '/people/mail', m.tokens.secretary)).json.running === false);
    expect(await smtp.messages()).toHaveLength(2);
  });

  it('G-PEOPLE-8 without SMTP the server says so (409) and the panel offers no sending', async () => {
    const ts = await startTestServer();
    const m = await createMeeting(ts);
    expect((await call(ts, m.id, '/people/mail', m.tokens.secretary)).json).toMatchObject({ configured: false });
    expect((await call(ts, m.id, '/people/mail', m.tokens.secretary, { body: '{}', type: 'application/json' })).status).toBe(409);
  });
});
