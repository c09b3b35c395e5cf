/**
 * The live item before the meeting: a follow link first paints what the room is on now from
 * `GET /api/meetings/:id/live` (a few KB), in plain DOM, while the app and the whole meeting load behind it.
 * On a phone on venue Wi-Fi the meeting takes seconds to arrive and to apply; this takes one round trip.
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

function render(host, g) {
  if (!g.item) return;
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
  host.replaceChildren(
    el(
      'div',
      { class: 'follow-page follow-preview' },
      el('header', { class: 'follow-top' }, el('div', { class: 'follow-title' }, el('strong', {}, g.title)), el('span', { class: 'conn conn-connecting', role: 'status' }, 'Loading the meeting…')),
      ...(g.banner ? [el('div', { class: 'follow-banner', role: 'status' }, g.banner)] : []),
      el(
        'section',
        { class: 'live-card', 'data-live': 'true', 'data-item': g.item.label, 'aria-label': 'Live now' },
        el('div', { class: 'live-card-head' }, el('span', { class: 'live-tag' }, 'LIVE'), el('span', { class: 'live-card-title' }, `${g.item.label} ${g.item.title}`)),
        ...rows,
      ),
    ),
  );
  // The app's own loading screen stays hidden behind the preview.
  const style = el('style', { 'data-preview': '' }, '#root .loading{display:none}');
  document.head.append(style);
  const root = document.getElementById('root');
  const done = () => {
    host.remove();
    style.remove();
    watch.disconnect();
  };
  const watch = new MutationObserver(() => {
    if (root && root.firstElementChild && !root.querySelector('.loading')) done();
  });
  if (root) watch.observe(root, { childList: true, subtree: true });
}

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
  if (!token || (navigator.onLine === false)) return false;
  const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/live`, { headers: { authorization: `Bearer ${token}` } });
  performance.mark('plenary:preview-fetched');
  if (!res.ok) return false;
  const glance = await res.json();
  // This script may run before the page is parsed: the request went out first, the DOM is awaited now.
  if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r, { once: true }));
  const host = document.getElementById('preview');
  const root = document.getElementById('root');
  if (!host) return false;
  // The app got there first: nothing to bridge.
  if (root?.firstElementChild && !root.querySelector('.loading')) return false;
  render(host, glance);
  performance.mark('plenary:preview');
  return glance.item !== null;
}

// Resolves once the preview has painted (a frame after it is in the DOM), or there is none; loading the
// meeting waits for it (bounded there).
window.__plenaryPreview = preview().then(
  (shown) => (shown ? new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))) : undefined),
  () => undefined,
);
