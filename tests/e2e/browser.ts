/**
 * Launches Debian's Chromium through playwright-core (never a downloaded browser): /usr/bin/chromium or
 * CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(p)) throw new Error(`no Chromium at ${p}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  return p;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}
