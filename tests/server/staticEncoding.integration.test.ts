import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../../server/http/precompress.js';
import { acceptedEncodings } from '../../server/http/staticEncoding.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { rawGet as get } from '../helpers/rawGet.js';

const dir = mkdtempSync(join(tmpdir(), 'plenary-static-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const script = `export const rows = [${Array.from({ length: 400 }, (_, i) => `"S2-26${String(i).padStart(5, '0')} contribution"`).join(',')}];\n`;
const page = `<!doctype html><html><head><title>Plenary</title></head><body><div id="root"></div>${'<!-- padding -->'.repeat(60)}<script type="module" src="/assets/main-abc123.js"></script></body></html>`;
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'assets', 'main-abc123.js'), script);
writeFileSync(join(dir, 'assets', 'tiny-abc123.js'), 'export {};\n');
writeFileSync(join(dir, 'index.html'), page);

describe('precompressed static files', () => {
  it('writes .br and .gz beside text assets that gain from it, and nothing for tiny ones', () => {
    const r = precompressDir(dir);
    expect(r.files).toBe(2);
    expect(brotliDecompressSync(readFileSync(join(dir, 'assets', 'main-abc123.js.br'))).toString()).toBe(script);
    expect(gunzipSync(readFileSync(join(dir, 'assets', 'main-abc123.js.gz'))).toString()).toBe(script);
    expect(existsSync(join(dir, 'assets', 'tiny-abc123.js.br'))).toBe(false);
  });

  it('reads Accept-Encoding with q-values and *', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')].sort()).toEqual(['br', 'gzip']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings('*;q=1, gzip;q=0')]).toEqual(['br']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });

  it('serves brotli, gzip or identity by Accept-Encoding, with Vary, immutable assets and a revalidated index', async () => {
    const ts = await startTestServer({ clientDir: dir });
    const asset = `${ts.url}/assets/main-abc123.js`;
    const br = await get(asset, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 3);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get(asset, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(asset);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(script);

    const tiny = await get(`${ts.url}/assets/tiny-abc123.js`, { 'accept-encoding': 'br' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('export {};\n');

    const index = await get(`${ts.url}/m/some-meeting/delegate-follow`, { 'accept-encoding': 'br' });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-encoding']).toBe('br');
    expect(index.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(brotliDecompressSync(index.body).toString()).toBe(page);
    const etag = index.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await get(`${ts.url}/m/some-meeting/delegate-follow`, { 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // Another encoding is another representation: no 304 for the gzip one with the brotli tag.
    const other = await get(`${ts.url}/`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBe('gzip');
  });
});
