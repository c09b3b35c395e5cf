/**
 * Which stored variant of a static file to send: the build writes FILE.br and FILE.gz beside FILE
 * (precompress.ts); a request whose Accept-Encoding allows brotli gets the .br, else one that allows gzip the
 * .gz, else the file as it is. Every answer that could have differed says `Vary: Accept-Encoding`. The ETag
 * names the original file's size and time and the encoding, so a revalidation of index.html costs a 304.
 */
import { statSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';

export interface StaticVariant {
  /** The file to stream. */
  path: string;
  size: number;
  /** Content-Encoding, or null for the file as it is. */
  encoding: 'br' | 'gzip' | null;
  etag: string;
  /** True when a compressed variant exists (the answer depends on Accept-Encoding). */
  varies: boolean;
}

/** The encodings the client accepts with q > 0 (`*` counts for both). */
export function acceptedEncodings(header: string | string[] | undefined): Set<'br' | 'gzip'> {
  const out = new Set<'br' | 'gzip'>();
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const refused = new Set<string>();
  let star = false;
  for (const part of text.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)).find(Boolean);
    const weight = q ? Number(q[1]) : 1;
    if (!(weight > 0)) {
      refused.add(name);
      continue;
    }
    if (name === 'br') out.add('br');
    else if (name === 'gzip' || name === 'x-gzip') out.add('gzip');
    else if (name === '*') star = true;
  }
  if (star) for (const e of ['br', 'gzip'] as const) if (!refused.has(e)) out.add(e);
  return out;
}

function sizeAndTime(path: string): { size: number; mtimeMs: number } | null {
  try {
    const s = statSync(path);
    return s.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

/** The variant of `file` for this request, or null when the file does not exist. */
export function pickVariant(req: IncomingMessage, file: string): StaticVariant | null {
  const original = sizeAndTime(file);
  if (!original) return null;
  const tag = `${original.size.toString(36)}-${Math.floor(original.mtimeMs).toString(36)}`;
  const accepted = acceptedEncodings(req.headers['accept-encoding']);
  const br = sizeAndTime(`${file}.br`);
  const gz = sizeAndTime(`${file}.gz`);
  const varies = br !== null || gz !== null;
  if (br && accepted.has('br')) return { path: `${file}.br`, size: br.size, encoding: 'br', etag: `"${tag}-br"`, varies };
  if (gz && accepted.has('gzip')) return { path: `${file}.gz`, size: gz.size, encoding: 'gzip', etag: `"${tag}-gz"`, varies };
  return { path: file, size: original.size, encoding: null, etag: `"${tag}"`, varies };
}

/** True when the request's If-None-Match names `etag` (or `*`). */
export function notModified(req: IncomingMessage, etag: string): boolean {
  const h = req.headers['if-none-match'];
  if (!h) return false;
  return h.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === etag || v === '*';
  });
}
