/**
 * `plenary import FILE [--format F] [--summary]`: reads an agenda or Tdoc list, prints the meeting JSON on
 * stdout. `--summary` also prints, on stderr after the warnings, the Tdoc count of every agenda item
 * (importSummary.ts); stdout is the same JSON with or without it.
 */
import { readFile } from 'node:fs/promises';
import { ImportError, importMeeting, isImportFormat, exportMeeting } from '../../shared/formats/index.js';
import { formatImportSummary, importSummary } from '../../shared/formats/importSummary.js';
import { UsageError, fail, parseArgs } from './cliArgs.js';

export async function importCommand(args: string[]): Promise<number> {
  let file: string | undefined;
  try {
    const { positional, options } = parseArgs(args, ['format'], ['summary']);
    if (positional.length !== 1) throw new UsageError('usage: plenary import FILE [--format F] [--summary]');
    file = positional[0];
    const format = options.format ?? 'auto';
    if (format !== 'auto' && !isImportFormat(format)) throw new UsageError(`unknown format "${format}"`);
    let data: Uint8Array;
    try {
      data = await readFile(file);
    } catch (e) {
      return fail(file, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const { meeting, warnings } = await importMeeting(data, { format, fileName: file });
    for (const w of warnings) {
      const where = w.line !== undefined ? `line ${w.line}: ` : w.row !== undefined ? `row ${w.row}: ` : '';
      process.stderr.write(`warning: ${file}: ${where}${w.message}\n`);
    }
    if (options.summary) process.stderr.write(`summary: ${file}: Tdocs per agenda item\n${formatImportSummary(importSummary(meeting))}`);
    const out = await exportMeeting(meeting, 'json');
    process.stdout.write(out.data);
    return 0;
  } catch (e) {
    if (e instanceof ImportError) return fail(file, e.describe());
    if (e instanceof UsageError) return fail(file, e.message);
    // Anything else is still bad input from the user's point of view: one line, no stack trace.
    return fail(file, `cannot be read: ${(e as Error)?.message ?? String(e)}`);
  }
}
