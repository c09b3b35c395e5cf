/**
 * "Paint the live item first": the heavy work of loading a meeting (applying the local copy or the HTTP
 * state: seconds of a slow phone's CPU for thousands of Tdocs) waits until the follow link's preview
 * (client/public/preview.js, a plain script that runs before the app) has painted the live item, so that
 * paint is not queued behind it. Network requests do not wait; only the CPU work does, and at most
 * MAX_WAIT_MS.
 */
declare global {
  interface Window {
    /** Set by preview.js: resolves once its paint is done, or at once when it shows nothing. */
    __plenaryPreview?: Promise<unknown>;
  }
}

export const MAX_WAIT_MS = 1500;

/** Resolves when the heavy work may start. */
export function heavyWorkGate(): Promise<void> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve();
  const timeout = new Promise<void>((r) => setTimeout(r, MAX_WAIT_MS));
  const settled = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);
  if (window.__plenaryPreview) return Promise.race([settled(window.__plenaryPreview), timeout]);
  // The preview script is async: when the app's code came first (from a cache), wait for it to run.
  const script = document.querySelector<HTMLScriptElement>('script[src="/preview.js"]');
  if (!script || !/-follow\/?$/.test(location.pathname) || navigator.onLine === false) return Promise.resolve();
  const ran = new Promise<void>((r) => {
    script.addEventListener('load', () => r(), { once: true });
    script.addEventListener('error', () => r(), { once: true });
  }).then(() => (window.__plenaryPreview ? settled(window.__plenaryPreview) : undefined));
  return Promise.race([ran, timeout]);
}
