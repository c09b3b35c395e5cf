/**
 * Signing in with the body's identity provider (issue 24): a real OpenID Connect provider process
 * (oidc-provider 9) and the whole authorization code flow with PKCE over HTTP, as a browser walks it.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { call, importPeople } from '../helpers/peopleClient.js';
import { Browserless, freePort, startOidcProvider } from '../helpers/oidcProvider.js';

async function setUp() {
  const port = await freePort();
  const provider = await startOidcProvider(`http://127.0.0.1:${port}/auth/oidc/callback`);
  const ts = await startTestServer({ port, oidc: { issuer: provider.issuer, clientId: 'plenary-test', clientSecret: 'test-secret', name: 'Test IdP' } });
  const m = await createMeeting(ts);
  const { people } = await importPeople(ts, m.id, m.tokens.secretary, JSON.stringify([{ name: 'Ann Lee', organisation: 'Ericsson', email: 'Ann@Ericsson.example' }]), 'application/json');
  return { ts, m, people };
}

/** Signs in as `login` from the meeting's sign-in page to the provider's redirect back; answers the jar and the last answer. */
async function signIn(ts: { url: string }, meetingId: string, login: string) {
  const b = new Browserless();
  const page = await b.get(`${ts.url}/m/${meetingId}/sign-in`);
  const href = /href="([^"]*oidc\/login[^"]*)"/.exec(await page.text())![1].replace(/&amp;/g, '&');
  let at = await b.follow(new URL(href, ts.url).href);
  // The provider's login form, then its consent form.
  for (const form of [`prompt=login&login=${encodeURIComponent(login)}&password=any`, 'prompt=consent']) {
    const html = await at.res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    expect(action, html.slice(0, 300)).toBeTruthy();
    const posted = await b.get(new URL(action!, at.url).href, { method: 'POST', body: form, type: 'application/x-www-form-urlencoded' });
    at = await b.follow(new URL(posted.headers.get('location')!, at.url).href, (u) => u.pathname === '/auth/oidc/callback');
    if (at.url.includes('/auth/oidc/callback')) break;
  }
  return { b, at };
}

describe('signing in with the identity provider (issue 24)', () => {
  it("G-PEOPLE-9 a delegate whose verified e-mail is registered signs in (authorization code with PKCE) and the page gets their person's link once, never in an address", async () => {
    const { ts, m, people } = await setUp();
    const { b, at } = await signIn(ts, m.id, 'ann@ericsson.example');
    expect(at.res.status).toBe(302);
    const landing = at.res.headers.get('location')!;
    expect(landing).toBe(`/m/${m.id}/delegate-follow`);
    expect(landing).not.toMatch(/token/);
    const tok = await b.get(`${ts.url}/api/meetings/${m.id}/signin/token`, { method: 'POST' });
    expect(tok.status).toBe(200);
    const { token } = (await tok.json()) as { token: string };
    expect(token).toBe(new URL(people[0].link).searchParams.get('token'));
    expect((await call(ts, m.id, '/people/me', token)).json).toMatchObject({ name: 'Ann Lee', organisation: 'Ericsson' });
    // Once: the same sign-in gives nothing a second time.
    expect((await b.get(`${ts.url}/api/meetings/${m.id}/signin/token`, { method: 'POST' })).status).toBe(401);
  });

  it('G-PEOPLE-10 a signed-in address that is not registered (or not verified) gets a clear page and no link', async () => {
    const { ts, m } = await setUp();
    const { b, at } = await signIn(ts, m.id, 'mallory@elsewhere.example');
    expect(at.res.status).toBe(403);
    const text = await at.res.text();
    expect(text).toContain('You are not on the list of this meeting');
    expect(text).toContain('mallory@elsewhere.example');
    expect((await b.get(`${ts.url}/api/meetings/${m.id}/signin/token`, { method: 'POST' })).status).toBe(401);
    const unverified = await signIn(ts, m.id, 'unverified-ann@ericsson.example');
    expect(unverified.at.res.status).toBe(403);
    expect(await unverified.at.res.text()).toContain('not confirmed');
    // A callback without the flow's cookie is refused with a page, not a crash.
    const forged = await new Browserless().get(`${ts.url}/auth/oidc/callback?code=abc&state=def`);
    expect(forged.status).toBe(400);
  });
});
