/**
 * Serves the built board (dist/client): index.html for `/` and every `/m/*` page, assets with their
 * types. Pages carry the security headers; with no build, a short page says the board is being built.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './httpUtil.js';
import { notModified, pickVariant } from './staticEncoding.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Security headers of every page. No inline scripts (Vite emits module files); inline styles are
 * allowed for React's `style`. `no-referrer` keeps the token in a link's URL from leaking to other sites.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
    "connect-src 'self'; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/**
 * Headers of every answer (API, health, metrics, assets, errors); pages override the CSP with
 * PAGE_HEADERS. An answer that is not a page may load nothing and be framed by nobody.
 */
export const RESPONSE_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const PLACEHOLDER = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plenary</title></head>
<body style="font-family: system-ui, sans-serif; margin: 3rem"><h1>Plenary</h1>
<p>The board is being built. The sync server is running; reload this page once the client is built
(<code>npm run build</code>).</p></body></html>\n`;

/** Answers GET/HEAD for pages and assets; returns false when the path is not one of ours. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, clientDir: string): boolean {
  const root = resolve(clientDir);
  const index = join(root, 'index.html');
  const isPage = pathname === '/' || pathname === '/admin' || pathname === '/index.html' || pathname === '/m' || pathname.startsWith('/m/');
  if (isPage) {
    if (!existsSync(index)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...PAGE_HEADERS });
      res.end(req.method === 'HEAD' ? undefined : PLACEHOLDER);
      return true;
    }
    sendFile(req, res, index, { 'cache-control': 'no-cache', ...PAGE_HEADERS });
    return true;
  }
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (rel.includes('\0')) return false;
  const file = resolve(root, '.' + rel);
  if (!file.startsWith(root + sep)) return false;
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) return false;
  const immutable = rel.startsWith('/assets/');
  sendFile(req, res, file, {
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    // The service worker runs under its script's CSP: it fetches this origin's pages and assets, nothing else.
    ...(rel === '/sw.js' ? { 'content-security-policy': "default-src 'self'; frame-ancestors 'none'" } : {}),
  });
  return true;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, headers: Record<string, string>): void {
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  // The build's .br/.gz beside the file, by Accept-Encoding (staticEncoding.ts).
  const variant = pickVariant(req, file);
  if (!variant) return sendJson(res, 404, { error: 'not found' });
  const common: Record<string, string> = { etag: variant.etag, ...headers };
  if (variant.varies) common.vary = 'Accept-Encoding';
  if (notModified(req, variant.etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  res.writeHead(200, {
    'content-type': type,
    'content-length': variant.size,
    ...(variant.encoding ? { 'content-encoding': variant.encoding } : {}),
    ...common,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(variant.path);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
