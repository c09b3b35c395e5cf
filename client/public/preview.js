/**
 * The live item before the meeting: a follow link first paints what the room is on now from
 * `GET /api/meetings/:id/live` (a few KB), in plain DOM, while the app and the whole meeting load behind it.
 * On a phone on venue Wi-Fi the meeting takes seconds to arrive and to apply; this takes one round trip.
 * A phone that has been here before paints the last glance it saw (kept in localStorage by the app,
 * client/sync/glanceCache.ts) at once, without waiting for the network or IndexedDB, marked "Last seen ·
 * updating…", and repaints when the server's glance arrives (one round trip later).
 *
 * A plain script beside the app (client/public, not bundled), so it is fetched with the page's first
 * requests and runs before the app's code has even arrived. It steps aside as soon as the app shows anything
 * of its own but its loading screen (the view, or a notice of why the meeting cannot open). Same markup and
 * hooks as the follow view's live card (`data-live`, `data-tdoc`, `[data-field=status]`). The app's heavy
 * loading waits for its paint through `window.__plenaryPreview` (client/sync/paintFirst.ts).
 * Glance: { title, banner, item: {id,label,title}|null, contributionId, contributions: [{id,number,title,source,status,statusLabel}] }
 */

// As client/model/statusTone.ts (the colour family of a status id), for the few statuses a glance shows.
const TONES = {
  agreed: 'positive', approved: 'positive', endorsed: 'positive', 'technically-endorsed': 'positive',
  'partially-approved': 'positive', 'partially-agreed': 'positive', 'conditionally-agreed': 'positive',
  'conditionally-approved': 'positive', 'agreed-in-principle': 'positive', treated: 'info', noted: 'info',
  'replied-to': 'info', revised: 'changed', merged: 'changed', postponed: 'deferred', 'not-treated': 'deferred',
  withdrawn: 'negative', 'not-pursued': 'negative', rejected: 'negative',
};
const statusTone = (id) => TONES[id] || 'pending';

const FOLLOW = /^\/m\/([^/]+)\/(delegate|screen|chair|secretary)-follow\/?$/;

function tokenFor(meetingId, role) {
  const fromQuery = new URLSearchParams(location.search).get('token');
  if (fromQuery) return fromQuery;
  try {
    return sessionStorage.getItem(`plenary:${meetingId}:${role}:token`);
  } catch {
    return null;
  }
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

// The phone's copy of the last glance it saw (client/sync/glanceCache.ts keeps it current while the app runs).
const glanceKey = (meetingId) => `plenary:${meetingId}:glance`;

function readCachedGlance(meetingId) {
  try {
    const raw = localStorage.getItem(glanceKey(meetingId));
    const g = raw ? JSON.parse(raw) : null;
    return g && typeof g === 'object' && Array.isArray(g.contributions) && 'item' in g ? g : null;
  } catch {
    return null;
  }
}

function storeGlance(meetingId, g) {
  try {
    if (g === null) localStorage.removeItem(glanceKey(meetingId));
    else localStorage.setItem(glanceKey(meetingId), JSON.stringify(g));
  } catch {
    // Storage disabled or full: the next visit waits for the server's glance.
  }
}

// The connection words of each kind of paint: the server's glance, the last one this phone saw (being
// checked with the server), and that one without a network.
const CONN = {
  server: ['conn conn-connecting', 'Loading the meeting…'],
  kept: ['conn conn-connecting', 'Last seen · updating…'],
  offline: ['conn conn-offline', 'Offline · last seen'],
};

let taken = false;
let watching = false;

/** True once the app shows anything of its own but its loading screen: the preview steps aside for good. */
function appShowing() {
  const root = document.getElementById('root');
  return !!(root && root.firstElementChild && !root.querySelector('.loading'));
}

/** Paints `g` (a glance) in the preview; false when there is nothing to paint or the app took over. */
function render(g, kind) {
  const host = document.getElementById('preview');
  if (taken || !host || appShowing()) return false;
  if (!g.item) {
    host.replaceChildren();
    return false;
  }
  const rows = g.contributions.map((c) => {
    const current = c.id === g.contributionId;
    return el(
      'div',
      { class: `follow-row${current ? ' current' : ''}`, 'data-tdoc': c.number, ...(current ? { 'data-current': 'true' } : {}) },
      el('div', { class: 'follow-row-main' }, el('span', { class: 'num' }, c.number), ' ', el('span', { 'data-field': 'status', class: `status tone-${statusTone(c.status)}` }, c.statusLabel)),
      el('div', { class: 'follow-row-title' }, c.title),
      ...(c.source ? [el('div', { class: 'follow-row-source muted small' }, c.source)] : []),
    );
  });
  const [connClass, connText] = CONN[kind];
  host.replaceChildren(
    el(
      'div',
      { class: 'follow-page follow-preview', 'data-preview': kind },
      el('header', { class: 'follow-top' }, el('div', { class: 'follow-title' }, el('strong', {}, g.title)), el('span', { class: connClass, role: 'status' }, connText)),
      ...(g.banner ? [el('div', { class: 'follow-banner', role: 'status' }, g.banner)] : []),
      el(
        'section',
        { class: 'live-card', 'data-live': 'true', 'data-item': g.item.label, 'aria-label': 'Live now' },
        el('div', { class: 'live-card-head' }, el('span', { class: 'live-tag' }, 'LIVE'), el('span', { class: 'live-card-title' }, `${g.item.label} ${g.item.title}`)),
        ...rows,
      ),
    ),
  );
  if (!watching) stepAsideWhenTheAppShows(host);
  return true;
}

/** Hides the app's loading screen behind the preview, and removes the preview once the app shows more. */
function stepAsideWhenTheAppShows(host) {
  watching = true;
  const style = el('style', { 'data-preview': '' }, '#root .loading{display:none}');
  document.head.append(style);
  const root = document.getElementById('root');
  const done = () => {
    taken = true;
    host.remove();
    style.remove();
    watch.disconnect();
  };
  const watch = new MutationObserver(() => {
    if (appShowing()) done();
  });
  if (root) watch.observe(root, { childList: true, subtree: true });
}

/** Removes what the preview painted (the server refused the link: the app says why). */
function clear() {
  const host = document.getElementById('preview');
  if (host && !taken) host.replaceChildren();
  document.querySelector('style[data-preview]')?.remove();
}

/** Resolves once the DOM holds #preview: at "interactive", before the app's module runs. */
function domReady() {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((r) => document.addEventListener('readystatechange', r, { once: true }));
}

/** Resolves a frame after the last paint. */
const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

/**
 * Paints the last glance this phone saw at once (no network, no IndexedDB), then the server's current one.
 * Resolves with whether something is shown, once the freshest paint it will get is on screen.
 */
async function preview() {
  const m = FOLLOW.exec(location.pathname);
  if (!m) return false;
  let meetingId;
  try {
    meetingId = decodeURIComponent(m[1]);
  } catch {
    return false;
  }
  const token = tokenFor(meetingId, m[2]);
  if (!token) return false;
  const online = navigator.onLine !== false;
  // The request goes out first; the DOM is awaited after (this script may run before the page is parsed).
  const request = online ? fetch(`/api/meetings/${encodeURIComponent(meetingId)}/live`, { headers: { authorization: `Bearer ${token}` } }) : null;
  const kept = readCachedGlance(meetingId);
  let shown = false;
  if (kept) {
    await domReady();
    shown = render(kept, online ? 'kept' : 'offline');
    if (shown) performance.mark('plenary:preview-kept');
  }
  if (shown) firstPainted(painted());
  if (!request) return shown;
  let res;
  try {
    res = await request;
  } catch {
    // No network after all: what is shown is the last known state.
    if (shown) render(kept, 'offline');
    return shown;
  }
  performance.mark('plenary:preview-fetched');
  if (!res.ok) {
    if (res.status === 401 || res.status === 403 || res.status === 404) {
      storeGlance(meetingId, null);
      clear();
      return false;
    }
    return shown;
  }
  const glance = await res.json().catch(() => null);
  if (!glance || !Array.isArray(glance.contributions)) return shown;
  storeGlance(meetingId, glance);
  await domReady();
  shown = render(glance, 'server');
  if (shown) performance.mark('plenary:preview');
  if (shown) firstPainted(painted());
  return shown;
}

// Resolves once the preview's first paint is on screen (the kept glance, else the server's), or when it will
// paint nothing: the app's code waits for it before it runs (client/main.tsx, bounded there).
let firstPainted;
window.__plenaryPreviewFirst = new Promise((r) => (firstPainted = r));
// Resolves once the preview has painted (a frame after it is in the DOM), or there is none; loading the
// meeting waits for it (bounded there).
window.__plenaryPreview = preview()
  .then(
    (shown) => (shown ? painted() : undefined),
    () => undefined,
  )
  .finally(() => firstPainted());
