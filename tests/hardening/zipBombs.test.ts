/**
 * Zip bombs that lie about their sizes, uploaded to a server process: refused with a JSON 422, and the
 * server's memory does not grow by more than 512 MB (the probe: a 3 MB upload took it to 3.2 GB).
 */
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../helpers/serverProcess.js';
import { tempDir } from '../helpers/tempDir.js';
import { lyingZipBomb } from '../formats/zipBytes.js';
import { report, rssMb } from './attackProbes.js';
import { scale } from './stressLevel.js';

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

describe('zip bombs', () => {
  it(`G-FILE-3: .docx and .xlsx parts declared as 4 KiB that inflate to ${scale(160, 3000)} MB are refused with a JSON 422, and the server's memory grows by less than 512 MB`, async () => {
    const srv = await startServerProcess(tempDir('plenary-zipbomb-'));
    const megabytes = scale(160, 3000);
    for (const [format, part] of [
      ['docx', 'word/document.xml'],
      ['xlsx', 'xl/worksheets/sheet1.xml'],
    ] as const) {
      const bomb = await lyingZipBomb(part, megabytes);
      const before = rssMb(srv.proc.pid!);
      let peak = before;
      const timer = setInterval(() => (peak = Math.max(peak, rssMb(srv.proc.pid!))), 20);
      const res = await fetch(`${srv.url}/api/meetings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${srv.adminToken}`, 'content-type': TYPES[format] },
        body: Buffer.from(bomb.buffer, bomb.byteOffset, bomb.byteLength) as unknown as BodyInit,
      });
      clearInterval(timer);
      const body = (await res.json()) as { error?: string };
      report(`G-FILE-3 ${format} bomb (${(bomb.length / 1024).toFixed(0)} KB declaring 4 KiB, inflating to ${megabytes} MB)`, {
        status: res.status,
        'server RSS before (MB)': before,
        'server RSS peak (MB)': peak,
      });
      expect(res.status).toBe(422);
      expect(body.error).toMatch(/unpacks to more than/);
      expect(peak - before).toBeLessThan(512);
    }
    expect((await fetch(`${srv.url}/healthz`)).status).toBe(200);
  }, 300_000);
});
