/**
 * The page's downloads carry the link's token in the Authorization header, never in an address (issue 23):
 * the export menu fetches the file with the header and saves it from a blob; no request the page makes to
 * the API has the token in its URL. Needs a built client (npm run build).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { serverAndBrowser } from './serverAndBrowser.js';
import { createMeeting } from '../helpers/startTestServer.js';
import { boardMeeting, openView, personContext } from './pageHelpers.js';

const env = serverAndBrowser();

describe('downloads without tokens in addresses', () => {
  it('G-ROLE-5: an export from the board is fetched with the Authorization header and saved from a blob; no API request has the token in its URL', async () => {
    const m = await createMeeting(env.ts, boardMeeting());
    const ctx = await personContext(env.browser, 'Karen Secretary');
    const api: { url: string; auth: string | undefined }[] = [];
    ctx.on('request', (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/')) api.push({ url: r.url(), auth: r.headers().authorization });
    });
    try {
      const page = await openView(ctx, m.links.secretary);
      await page.waitForSelector('.board-page [data-tdoc="SEC-2026-0101"]');
      for (const fmt of ['csv', 'json']) {
        await page.locator('.export-menu summary').click();
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-export=${fmt}]`).click()]);
        // Saved: the menu closes (issue 25).
        await page.waitForSelector('.export-menu:not([open])');
        expect(download.url()).toMatch(/^blob:/);
        expect(download.suggestedFilename()).toBe(`${m.id}.${fmt}`);
        const body = readFileSync((await download.path())!, 'utf8');
        expect(body).toContain('SEC-2026-0101');
        expect(body).not.toContain(m.tokens.secretary);
      }
      const exports = api.filter((r) => /\/export\.(csv|json)/.test(r.url));
      expect(exports.length).toBe(2);
      for (const r of exports) expect(r.auth).toBe(`Bearer ${m.tokens.secretary}`);
      expect(api.length).toBeGreaterThan(2);
      for (const r of api) expect(r.url).not.toContain(m.tokens.secretary);
    } finally {
      await ctx.close();
    }
  });
});
