/** `plenary export FILE.json --format F`: meeting JSON to md, docx, xlsx, csv, ics, htm or json on stdout. */
import { readFile } from 'node:fs/promises';
import { ImportError, exportMeeting, importMeeting, isExportFormat } from '../../shared/formats/index.js';
import { UsageError, fail, parseArgs } from './cliArgs.js';

export async function exportCommand(args: string[]): Promise<number> {
  let file: string | undefined;
  try {
    const { positional, options } = parseArgs(args, ['format']);
    if (positional.length !== 1 || !options.format) throw new UsageError('usage: plenary export FILE.json --format md|docx|xlsx|csv|ics|htm|json');
    file = positional[0];
    if (!isExportFormat(options.format)) throw new UsageError(`unknown format "${options.format}"`);
    let data: Uint8Array;
    try {
      data = await readFile(file);
    } catch (e) {
      return fail(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const { meeting } = await importMeeting(data, { format: 'json', fileName: file });
    const out = await exportMeeting(meeting, options.format);
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(out.data, (err) => (err ? reject(err) : resolve())),
    );
    return 0;
  } catch (e) {
    if (e instanceof ImportError) return fail(file, e.describe());
    if (e instanceof UsageError) return fail(file, e.message);
    return fail(file, `cannot be exported: ${(e as Error)?.message ?? String(e)}`);
  }
}
