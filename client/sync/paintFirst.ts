/**
 * "Paint the live item first". Two gates:
 * - firstPreviewGate: the app's code itself (main.tsx) waits until the preview's first paint is on screen
 *   (the glance this phone kept from its last visit, which needs no network, else the server's), at most
 *   MAX_FIRST_WAIT_MS: compiling and starting the app takes a slow phone a few hundred ms of CPU, which
 *   would otherwise come before that frame.
 * - heavyWorkGate: the heavy work of loading a meeting (applying the local copy or the HTTP
 * state: seconds of a slow phone's CPU for thousands of Tdocs) waits until the follow link's preview
 * (client/public/preview.js, a plain script that runs before the app) has painted the live item, so that
 * paint is not queued behind it. Network requests do not wait; only the CPU work does, and at most
 * MAX_WAIT_MS.
 */
declare global {
  interface Window {
    /** Set by preview.js: resolves once its paint is done, or at once when it shows nothing. */
    __plenaryPreview?: Promise<unknown>;
    /** Set by preview.js: resolves once its first paint is on screen, or when it will paint nothing. */
    __plenaryPreviewFirst?: Promise<unknown>;
  }
}

export const MAX_WAIT_MS = 1500;
/** How long the app's code waits for the preview's first paint at most. */
export const MAX_FIRST_WAIT_MS = 1000;

/** Resolves when the heavy work may start. */
export function heavyWorkGate(): Promise<void> {
  return previewGate('__plenaryPreview', MAX_WAIT_MS, true);
}

/** Resolves when the app's code may run. */
export function firstPreviewGate(): Promise<void> {
  return previewGate('__plenaryPreviewFirst', MAX_FIRST_WAIT_MS, false);
}

function previewGate(key: '__plenaryPreview' | '__plenaryPreviewFirst', maxMs: number, needsNetwork: boolean): Promise<void> {
  if (typeof window === 'undefined' || typeof document === 'undefined') return Promise.resolve();
  const settled = (p: Promise<unknown>) => p.then(() => undefined, () => undefined);
  const timeout = new Promise<void>((r) => setTimeout(r, maxMs));
  const now = window[key];
  if (now) return Promise.race([settled(now), timeout]);
  // The preview script is async: when the app's code came first, wait for it to run.
  const script = document.querySelector<HTMLScriptElement>('script[src="/preview.js"]');
  if (!script || !/-follow\/?$/.test(location.pathname) || (needsNetwork && navigator.onLine === false)) return Promise.resolve();
  const ran = new Promise<void>((r) => {
    script.addEventListener('load', () => r(), { once: true });
    script.addEventListener('error', () => r(), { once: true });
  }).then(() => {
    const later = window[key];
    return later ? settled(later) : undefined;
  });
  return Promise.race([ran, timeout]);
}
