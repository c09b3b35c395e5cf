/**
 * What the hardening suite measures while an attack runs against a server process: its resident memory,
 * how long `/healthz` takes, and how long a live edit takes to reach a follower. Figures are printed;
 * tests assert them (with margin) only at full strength, on a machine given to the suite.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { readLive, setLive } from '../../shared/document/meetingParts.js';
import { waitFor } from '../helpers/waitFor.js';

/** Resident memory of a process (MB), from /proc. */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Milliseconds for one `GET /healthz`. */
export async function healthzMs(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${url}/healthz`);
  await res.text();
  if (res.status !== 200) throw new Error(`/healthz answered ${res.status}`);
  return performance.now() - t;
}

let edits = 0;

/** Milliseconds from an editor's live edit (the banner) to a follower holding it. */
export async function fanoutMs(editor: Y.Doc, follower: Y.Doc): Promise<number> {
  const banner = `probe ${++edits} ${Date.now()}`;
  const t = performance.now();
  setLive(editor, { banner });
  await waitFor(() => readLive(follower).banner === banner, { intervalMs: 1, what: 'the edit to reach the follower' });
  return performance.now() - t;
}

/** Median and maximum of some samples. */
export function summary(samples: number[]): { median: number; max: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)] ?? NaN, max: s[s.length - 1] ?? NaN, n: s.length };
}

/** Samples `probe` every `everyMs` until `done` resolves. */
export async function sampleUntil(done: Promise<unknown>, probe: () => Promise<number>, everyMs = 100): Promise<number[]> {
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  const out: number[] = [];
  while (!finished) {
    out.push(await probe());
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return out;
}

const fmt = (s: { median: number; max: number; n: number }) => `median ${s.median.toFixed(1)} ms, max ${s.max.toFixed(1)} ms (${s.n} samples)`;

/** One line for the test's output. */
export function report(what: string, figures: Record<string, number[] | number>): string {
  const parts = Object.entries(figures).map(([k, v]) => `${k}: ${Array.isArray(v) ? fmt(summary(v)) : v.toFixed(1)}`);
  const line = `${what}: ${parts.join('; ')}`;
  console.log(line);
  return line;
}
