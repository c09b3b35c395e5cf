/**
 * Registers the service worker (client/public/sw.js: the app shell for second visits and offline) once the
 * page has loaded, and hands it the hashed assets this page loaded so it keeps them without downloading
 * them again. Not in development (Vite's dev server has no hashed assets).
 */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((n) => {
      try {
        const u = new URL(n);
        return u.origin === location.origin && u.pathname.startsWith('/assets/');
      } catch {
        return false;
      }
    });
}

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || location.port === '5173') return;
  const start = () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then(() => navigator.serviceWorker.ready)
      .then((reg) => {
        const post = () => reg.active?.postMessage({ type: 'cache-assets', urls: loadedAssets() });
        post();
        // Chunks a view loads later (its own code, on demand) follow.
        setTimeout(post, 5000);
      })
      .catch(() => undefined);
  };
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}
