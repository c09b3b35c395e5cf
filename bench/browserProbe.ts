/**
 * The script the browser scenario injects into the page before any of the page's own code runs
 * (Playwright addInitScript). It records, on the page's clock (performance.now(), 0 = navigation start):
 * - firstRows: the frame after the first `[data-tdoc]` row entered the DOM (first paint of the board);
 * - arrivals[seq]: when a WebSocket message carrying edit marker `seq` arrived, before the app saw it;
 * - watchStatus(number, label): resolves with the frame time after that row's status reads `label`;
 * - watchRows(): resolves with the frame time after the set of rendered rows next changes.
 * "The frame after" is requestAnimationFrame followed by a task: the frame holding the change was produced.
 * Kept as a plain string of browser JavaScript so no bundler is involved.
 */
import { MARKER_PREFIX } from './marker.js';

export const BROWSER_PROBE = `(() => {
  const PREFIX = ${JSON.stringify(MARKER_PREFIX)};
  const afterPaint = (cb) => requestAnimationFrame(() => setTimeout(() => cb(performance.now()), 0));
  const bench = { firstRows: null, arrivals: {}, errors: [] };
  window.__bench = bench;
  const NativeWS = window.WebSocket;
  const decoder = new TextDecoder('latin1');
  class ProbedWebSocket extends NativeWS {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const now = performance.now();
        const d = e.data;
        if (!(d instanceof ArrayBuffer) || d.byteLength > 8192) return;
        const s = decoder.decode(d);
        let at = s.indexOf(PREFIX);
        while (at >= 0) {
          const colon = s.indexOf(':', at);
          const seq = Number(s.slice(at + PREFIX.length, colon));
          if (!(seq in bench.arrivals)) bench.arrivals[seq] = now;
          at = s.indexOf(PREFIX, colon);
        }
      });
    }
  }
  window.WebSocket = ProbedWebSocket;
  const rowsObserver = new MutationObserver(() => {
    if (bench.firstRows === null && document.querySelector('[data-tdoc]')) {
      bench.firstRows = -1;
      rowsObserver.disconnect();
      afterPaint((t) => (bench.firstRows = t));
    }
  });
  document.addEventListener('DOMContentLoaded', () => rowsObserver.observe(document.body, { childList: true, subtree: true }));
  const statusText = (number) => {
    const row = document.querySelector('[data-tdoc="' + CSS.escape(number) + '"]');
    const el = row && row.querySelector('[data-field=status]');
    return el ? el.textContent.trim() : null;
  };
  bench.watchStatus = (number, label, timeoutMs) => new Promise((resolve) => {
    let done = false;
    const finish = (v) => { if (!done) { done = true; obs.disconnect(); clearTimeout(timer); resolve(v); } };
    const check = () => { if (statusText(number) === label) { obs.disconnect(); afterPaint(finish); } };
    const obs = new MutationObserver(check);
    obs.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => finish(null), timeoutMs);
  });
  const rowKey = () => Array.from(document.querySelectorAll('[data-tdoc]'), (r) => r.getAttribute('data-tdoc')).join(',');
  bench.watchRows = (timeoutMs) => {
    const before = rowKey();
    bench.rowsResult = new Promise((resolve) => {
      let done = false;
      const finish = (v) => { if (!done) { done = true; obs.disconnect(); clearTimeout(timer); resolve(v); } };
      const obs = new MutationObserver(() => { if (rowKey() !== before) { obs.disconnect(); afterPaint((t) => finish({ t, rows: document.querySelectorAll('[data-tdoc]').length })); } });
      obs.observe(document.body, { childList: true, subtree: true });
      const timer = setTimeout(() => finish(null), timeoutMs);
    });
    bench.keyAt = null;
    window.addEventListener('keydown', () => { if (bench.keyAt === null) bench.keyAt = performance.now(); }, { capture: true, once: true });
  };
})();`;
