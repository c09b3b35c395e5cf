/**
 * Where a profiled server spent its time: reads V8 .cpuprofile files (node --cpu-prof) and sums self time
 * by function and by place (a package in node_modules, a file of ours, Node internals, GC); idle is left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
}

export interface ProfileShare {
  name: string;
  percent: number;
}

function place(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const ours = /\/(server|shared|bench)\/(.+)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/** Top functions and places by self time over the profiles in `dir` whose names start with `filePrefix`, in percent of the busy (non-idle) samples. */
export function summarizeProfiles(dir: string, top = 15, filePrefix = ''): { functions: ProfileShare[]; places: ProfileShare[]; files: number } {
  const byFn = new Map<string, number>();
  const byPlace = new Map<string, number>();
  let total = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile') && f.startsWith(filePrefix));
  for (const f of files) {
    const profile = JSON.parse(readFileSync(join(dir, f), 'utf8')) as CpuProfile;
    for (const n of profile.nodes) {
      const hits = n.hitCount ?? 0;
      if (!hits || n.callFrame.functionName === '(idle)') continue;
      total += hits;
      const { functionName, url, lineNumber } = n.callFrame;
      const p = place(url, functionName);
      // Lines only for packages: files run through tsx report line 1.
      const fnKey = `${functionName || '(anonymous)'} (${p}${url.includes('node_modules') ? `:${lineNumber + 1}` : ''})`;
      byFn.set(fnKey, (byFn.get(fnKey) ?? 0) + hits);
      byPlace.set(p, (byPlace.get(p) ?? 0) + hits);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, percent: (100 * hits) / Math.max(1, total) }));
  return { functions: rank(byFn), places: rank(byPlace), files: files.length };
}
