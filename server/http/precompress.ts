/**
 * Build-time compression of the built client: next to each text asset (JavaScript, CSS, HTML, SVG, JSON,
 * maps, manifests) a `.br` (brotli, quality 11) and a `.gz` (gzip, level 9), written once by the build so the
 * server never compresses per request (staticEncoding.ts picks the variant by Accept-Encoding). Node's zlib
 * only. A variant that would not be smaller is not written.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { extname, join } from 'node:path';

const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.map', '.txt', '.webmanifest']);
/** Below this a compressed answer saves less than its headers cost. */
const MIN_BYTES = 512;

export interface PrecompressResult {
  files: number;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** Writes FILE.br and FILE.gz for every compressible file under `dir` (recursively); returns the totals. */
export function precompressDir(dir: string): PrecompressResult {
  const out: PrecompressResult = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const file of walk(dir)) {
    if (!COMPRESSIBLE.has(extname(file).toLowerCase())) continue;
    const data = readFileSync(file);
    for (const stale of [`${file}.br`, `${file}.gz`]) rmSync(stale, { force: true });
    if (data.length < MIN_BYTES) continue;
    const br = brotliCompressSync(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    const gz = gzipSync(data, { level: 9 });
    out.files++;
    out.bytes += data.length;
    if (br.length < data.length) {
      writeFileSync(`${file}.br`, br);
      out.brotliBytes += br.length;
    }
    if (gz.length < data.length) {
      writeFileSync(`${file}.gz`, gz);
      out.gzipBytes += gz.length;
    }
  }
  return out;
}

function* walk(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    if (s.isDirectory()) yield* walk(p);
    else if (s.isFile() && !name.endsWith('.br') && !name.endsWith('.gz')) yield p;
  }
}
