/**
 * `plenary <command>`: the command line of CONTRACT.md §1. Each command is a module in commands/;
 * it returns the exit status, or undefined for a command that keeps running (serve).
 */
import { importCommand } from './commands/importCommand.js';
import { exportCommand } from './commands/exportCommand.js';

export const USAGE = `usage:
  plenary import FILE [--format auto|text|docx|xlsx|html|md|csv|json] [--summary]   print the meeting JSON
                      (--summary: Tdocs per agenda item on stderr)
  plenary export FILE.json --format md|docx|xlsx|csv|ics|htm|json     write another format on stdout
  plenary serve [--lan]                                               serve the board (npm start); --lan: on the room's network, links to the LAN address
  plenary links MEETING                                               print a meeting's four links`;

type Command = (args: string[]) => Promise<number | undefined>;

const COMMANDS: Record<string, Command> = {
  import: importCommand,
  export: exportCommand,
  serve: async (args) => (await import('./commands/serveCommand.js')).serveCommand(args),
  links: async (args) => (await import('./commands/linksCommand.js')).linksCommand(args),
};

/** Runs a command line; returns the exit status (undefined while a server keeps running). */
export async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    process.stderr.write(`error: unknown command "${name}"\n${USAGE}\n`);
    return 2;
  }
  return cmd(args);
}
