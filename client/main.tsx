/**
 * Entry: the styles, then the page. The page's code (boot.tsx: React, Yjs and the app, ~100 KB compressed)
 * is fetched from the start (a preload link, vite.config.ts) but compiled and run only once the follow
 * link's preview has painted the live item (paintFirst.ts: on a second visit as this phone kept it, with no
 * network; on a first visit from the server): on a slow phone that code takes a few hundred ms of CPU, which
 * would otherwise come before the preview's first frame.
 */
import './styles.css';
import { firstPreviewGate } from './sync/paintFirst.js';

void firstPreviewGate()
  .then(() => import('./boot.js'))
  .then((m) => m.boot())
  .catch((e: unknown) => {
    // The page's code did not load (a network gone mid-load, a deploy that removed it): say so.
    const root = document.getElementById('root');
    if (root) root.textContent = `This page could not load (${e instanceof Error ? e.message : String(e)}). Check the connection and reload.`;
  });
