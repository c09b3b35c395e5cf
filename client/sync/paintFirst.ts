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
  const preview = typeof window !== 'undefined' ? window.__plenaryPreview : undefined;
  if (!preview) return Promise.resolve();
  return Promise.race([preview.then(() => undefined, () => undefined), new Promise<void>((r) => setTimeout(r, MAX_WAIT_MS))]);
}
