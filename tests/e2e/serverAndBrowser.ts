/** The fixture of the browser tests: a real server on port 0 and one Debian Chromium per test file. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/startTestServer.js';
import { launchBrowser } from './browser.js';

/**
 * A real server on port 0 and one Chromium for a test file: started before its tests, torn down after
 * them. Read `ts` and `browser` inside the tests (they are set once beforeAll has run).
 */
export function serverAndBrowser(): { readonly ts: TestServer; readonly browser: Browser } {
  const env = {} as { ts: TestServer; browser: Browser };
  beforeAll(async () => {
    env.ts = await startTestServer({}, (f) => afterAll(f));
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
  });
  return env;
}
