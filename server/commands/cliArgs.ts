/** Minimal argument parsing for the commands: one positional FILE and `--name value` options. */

export class UsageError extends Error {}

export interface ParsedArgs {
  positional: string[];
  options: Record<string, string>;
}

/**
 * Parses `FILE --format x` (also `--format=x`); `flags` are options without a value (`--summary`, read as
 * 'true'). Unknown options are refused.
 */
export function parseArgs(args: string[], known: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (flags.includes(name) && eq < 0) {
        options[name] = 'true';
        continue;
      }
      if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
      const value = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options[name] = value;
    } else positional.push(a);
  }
  return { positional, options };
}

/** Writes `error: FILE: what is wrong` and returns exit status 2 (CONTRACT.md §1). */
export function fail(file: string | undefined, message: string): number {
  process.stderr.write(`error: ${file ? `${file}: ` : ''}${message.replace(/\s*\n\s*/g, '; ')}\n`);
  return 2;
}
