/**
 * What a server process's JavaScript heap holds, by constructor: a heap snapshot taken through its
 * inspector (HeapProfiler.takeHeapSnapshot, after a full collection) and summed by node name (self size),
 * so two snapshots of the same process can be told apart by what grew.
 */
import WebSocket from 'ws';

export interface HeapSummary {
  /** Self size in bytes per "type:name" (e.g. "object:SyncConnection", "native:system / JSArrayBufferData"). */
  bySize: Map<string, number>;
  byCount: Map<string, number>;
  totalBytes: number;
}

/** Takes a snapshot of the process behind `inspectorUrl` and sums it by constructor. */
export async function heapSummary(inspectorUrl: string): Promise<HeapSummary> {
  const ws = new WebSocket(inspectorUrl, { maxPayload: 1 << 30 });
  await new Promise<void>((ok, fail) => {
    ws.once('open', () => ok());
    ws.once('error', fail);
  });
  const chunks: string[] = [];
  let id = 0;
  const call = (method: string, params: object = {}) =>
    new Promise<void>((ok, fail) => {
      const my = ++id;
      const onMessage = (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { id?: number; method?: string; params?: { chunk: string }; error?: { message: string } };
        if (m.method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push(m.params!.chunk);
        if (m.id !== my) return;
        ws.off('message', onMessage);
        if (m.error) fail(new Error(m.error.message));
        else ok();
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: my, method, params }));
    });
  try {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    ws.close();
  }
  return summarize(JSON.parse(chunks.join('')) as Snapshot);
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

function summarize(s: Snapshot): HeapSummary {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const bySize = new Map<string, number>();
  const byCount = new Map<string, number>();
  let totalBytes = 0;
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + typeAt]!]!;
    let name = s.strings[s.nodes[i + nameAt]!]!;
    // Strings and code are named by their content: group them by type only.
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string' || type === 'code' || type === 'number') name = '';
    const key = `${type}:${name.slice(0, 60)}`;
    const size = s.nodes[i + sizeAt]!;
    bySize.set(key, (bySize.get(key) ?? 0) + size);
    byCount.set(key, (byCount.get(key) ?? 0) + 1);
    totalBytes += size;
  }
  return { bySize, byCount, totalBytes };
}

/** What grew from `a` to `b`, largest first. */
export function heapGrowth(a: HeapSummary, b: HeapSummary, top: number): { key: string; bytes: number; count: number }[] {
  const out: { key: string; bytes: number; count: number }[] = [];
  for (const [key, bytes] of b.bySize) {
    const d = bytes - (a.bySize.get(key) ?? 0);
    if (d > 0) out.push({ key, bytes: d, count: (b.byCount.get(key) ?? 0) - (a.byCount.get(key) ?? 0) });
  }
  return out.sort((x, y) => y.bytes - x.bytes).slice(0, top);
}
