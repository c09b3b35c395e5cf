/*
 * Plenary's service worker: the app shell for a second visit and for no network at all.
 * - Hashed assets (/assets/*): cache first. They never change under one name; the page hands over the list
 *   of those it loaded (copied from the HTTP cache, no download), and any fetched later is kept as it passes.
 * - Pages (navigations): the last page received, at once, when every hashed asset it loads is kept here (a
 *   second visit waits for no round trip before it starts), refreshed behind for the next visit; otherwise
 *   network first, and the last page when the network fails, so a phone that lost the venue Wi-Fi still
 *   opens the board it had (the meeting itself comes from IndexedDB). After a deploy, the visit that
 *   fetches the new page in the background still runs the old one (its assets are all kept: it works
 *   whole); the next visit runs the new one.
 * - The live-item preview script (/preview.js): from the cache at once, refreshed in the background.
 * - Everything else (the API, the state, the sync socket) is left to the network and the HTTP cache.
 */
const SHELL = 'plenary-shell-v1';
const ASSETS = 'plenary-assets-v1';
const SHELL_KEY = '/__plenary-shell';

const isHtml = (res) => res.ok && (res.headers.get('content-type') || '').startsWith('text/html');

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      try {
        const res = await fetch('/', { cache: 'no-cache' });
        if (isHtml(res)) await (await caches.open(SHELL)).put(SHELL_KEY, res);
      } catch {
        // No network now: the next navigation stores the shell.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(ASSETS);
      for (const u of data.urls.slice(0, 200)) {
        if (typeof u !== 'string') continue;
        let url;
        try {
          url = new URL(u, self.location.origin);
        } catch {
          continue;
        }
        if (url.origin !== self.location.origin || !url.pathname.startsWith('/assets/')) continue;
        if (await cache.match(url.pathname)) continue;
        try {
          const res = await fetch(url.pathname);
          if (res.ok) await cache.put(url.pathname, res);
        } catch {
          // Left for the next visit.
        }
      }
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') event.respondWith(shellFirst(event, req));
  else if (url.pathname.startsWith('/assets/')) event.respondWith(cacheFirst(req, url.pathname));
  else if (url.pathname === '/preview.js') event.respondWith(staleWhileRevalidate(event, req, url.pathname));
});

// The live-item preview script: from the cache at once (it must run before the app), refreshed behind.
async function staleWhileRevalidate(event, req, key) {
  const cached = await caches.match(key, { cacheName: SHELL });
  const fresh = fetch(req).then(async (res) => {
    if (res.ok) await (await caches.open(SHELL)).put(key, res.clone());
    return res;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

async function shellFirst(event, req) {
  const cached = await caches.match(SHELL_KEY, { cacheName: SHELL });
  if (cached && (await assetsKept(cached.clone()))) {
    event.waitUntil(
      fetch(req)
        .then((res) => (isHtml(res) ? caches.open(SHELL).then((c) => c.put(SHELL_KEY, res)) : undefined))
        .catch(() => undefined),
    );
    return cached;
  }
  return networkFirst(req);
}

/** True when every /assets/ file the page loads is in the assets cache. */
async function assetsKept(page) {
  const html = await page.text();
  const urls = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  if (urls.length === 0) return false;
  const cache = await caches.open(ASSETS);
  for (const u of urls) if (!(await cache.match(u))) return false;
  return true;
}

async function networkFirst(req) {
  try {
    const res = await fetch(req);
    if (isHtml(res)) {
      const copy = res.clone();
      event_safe(caches.open(SHELL).then((c) => c.put(SHELL_KEY, copy)));
    }
    return res;
  } catch (err) {
    const cached = await caches.match(SHELL_KEY);
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(req, key) {
  const cached = await caches.match(key);
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) {
    const copy = res.clone();
    event_safe(caches.open(ASSETS).then((c) => c.put(key, copy)));
  }
  return res;
}

function event_safe(p) {
  p.catch(() => undefined);
}
