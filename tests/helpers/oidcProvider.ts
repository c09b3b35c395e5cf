/** Starts tests/helpers/oidcProvider.mjs (a real OpenID Connect provider process) and drives its login. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export interface OidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for a server whose address the provider must know first). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

export async function startOidcProvider(redirectUri: string, register: (f: () => Promise<void>) => void = (f) => onTestFinished(f)): Promise<OidcProvider> {
  const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), 'oidcProvider.mjs'), redirectUri], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the OIDC provider exited (${code}): ${err.slice(0, 500)}`)));
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  };
  register(stop);
  return { issuer: `http://127.0.0.1:${port}`, stop };
}

/** A tiny cookie jar over fetch, following no redirects by itself (the test walks them). */
export class Browserless {
  private readonly jar = new Map<string, Map<string, string>>();

  async get(url: string, init: { method?: string; body?: string; type?: string } = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.host) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: { ...(cookies ? { cookie: cookies } : {}), ...(init.type ? { 'content-type': init.type } : {}) },
      body: init.body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const jar = this.jar.get(u.host) ?? new Map<string, string>();
      const gone = /max-age=0\b/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c);
      if (gone) jar.delete(pair.slice(0, i));
      else jar.set(pair.slice(0, i), pair.slice(i + 1));
      this.jar.set(u.host, jar);
    }
    return res;
  }

  /** Follows redirects from `url`; stops at the first answer that is not one (or at `stopAt`'s origin+path). */
  async follow(url: string, stopAt?: (u: URL) => boolean): Promise<{ url: string; res: Response }> {
    let at = url;
    for (let i = 0; i < 20; i++) {
      if (stopAt?.(new URL(at))) return { url: at, res: await this.get(at) };
      const res = await this.get(at);
      const loc = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !loc) return { url: at, res };
      at = new URL(loc, at).href;
    }
    throw new Error('too many redirects');
  }
}
