/**
 * Signing in with the body's identity provider in Chromium (issue 24): a real oidc-provider process; the
 * delegate opens the meeting's sign-in page, signs in and consents at the provider, and lands on their own
 * follow view, the token never in the address bar.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { boardMeeting } from './pageHelpers.js';
import { createMeeting, startTestServer } from '../helpers/startTestServer.js';
import { importPeople } from '../helpers/peopleClient.js';
import { freePort, startOidcProvider } from '../helpers/oidcProvider.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in with the identity provider in the browser (issue 24)', () => {
  it("G-PEOPLE-16 a registered delegate signs in at the provider and gets their own view; the address bar never holds a token", async () => {
    const port = await freePort();
    const provider = await startOidcProvider(`http://127.0.0.1:${port}/auth/oidc/callback`, (f) => afterAll(f));
    const ts = await startTestServer({ port, oidc: { issuer: provider.issuer, clientId: 'plenary-test', clientSecret: 'test-secret', name: 'Test IdP' } }, (f) => afterAll(f));
    const m = await createMeeting(ts, boardMeeting(2));
    await importPeople(ts, m.id, m.tokens.secretary, JSON.stringify([{ name: 'Ann Lee', organisation: 'Ericsson', email: 'ann@ericsson.example' }]), 'application/json');
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const addresses: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && addresses.push(f.url()));
    await page.goto(`${ts.url}/m/${m.id}/sign-in`);
    await page.click('[data-action=oidc-sign-in]');
    await page.waitForSelector('input[name=login]');
    await page.fill('input[name=login]', 'ann@ericsson.example');
    await page.fill('input[name=password]', 'anything');
    await page.click('button[type=submit]');
    await page.waitForSelector('button[type=submit]:has-text("Continue")');
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-person-self="Ann Lee"]', { timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/m/${m.id}/delegate-follow`);
    expect(addresses.filter((a) => a.startsWith(ts.url)).some((a) => /token=/.test(a))).toBe(false);
    expect(await page.$('[data-action=request-floor]')).not.toBeNull();
  });
});
