/**
 * A busy neighbour on the disk: writes FILE_MB (200) MB files with an fsync each, in a loop, in the folder
 * given as its argument, until killed. Prints `file MS` after each file (how long its write and fsync took).
 * The benchmark's disk scenario runs it beside the edit phase (bench/scenarios/disk.ts).
 */
import { closeSync, fsyncSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: diskHog.ts DIR');
const FILE_MB = Number(process.env.DISK_HOG_FILE_MB ?? 200);
const chunk = Buffer.alloc(4 << 20, 0xa5);
for (let i = 0; ; i++) {
  const file = join(dir, `hog-${i % 2}.bin`);
  const t0 = Date.now();
  const fd = openSync(file, 'w');
  for (let written = 0; written < FILE_MB << 20; written += chunk.length) writeSync(fd, chunk);
  fsyncSync(fd);
  closeSync(fd);
  process.stdout.write(`file ${Date.now() - t0}\n`);
  try {
    unlinkSync(join(dir, `hog-${(i + 1) % 2}.bin`));
  } catch {
    /* not there yet */
  }
}
