/**
 * `plenary links MEETING`: prints a meeting's four links, the same ones that were handed out (tokens are
 * kept sealed next to their hashes; see tokens.ts). Reads DATA_DIR and PUBLIC_URL (or HOST/PORT) like
 * `serve`; works while the server runs. Without MEETING, lists the meetings.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isValidMeetingId } from '../../shared/meetingId.js';
import { configFromEnv } from '../main.js';
import { loadSealingKey } from '../dataDirSecrets.js';
import { MeetingCatalog } from '../MeetingCatalog.js';
import { DATABASE_FILE, openDatabase } from '../persistence/openDatabase.js';
import { ROLES, roleLinks } from '../roles.js';
import { linkBase } from '../lanAddress.js';
import { fail, parseArgs, UsageError } from './cliArgs.js';

export async function linksCommand(args: string[]): Promise<number | undefined> {
  try {
    const { positional } = parseArgs(args, []);
    if (positional.length > 1) throw new UsageError('usage: plenary links [MEETING]');
    const config = configFromEnv(process.env);
    if (!existsSync(join(config.dataDir, DATABASE_FILE))) {
      return fail(undefined, `no meetings in ${config.dataDir} (start the server once, or set DATA_DIR)`);
    }
    const db = openDatabase(config.dataDir);
    try {
      const catalog = new MeetingCatalog(db, loadSealingKey(config.dataDir));
      const id = positional[0];
      if (!id) {
        const all = catalog.list();
        if (!all.length) process.stdout.write('no meetings yet\n');
        for (const m of all) process.stdout.write(`${m.id}  ${m.startDate || '?'}  ${m.title}\n`);
        return 0;
      }
      if (!isValidMeetingId(id) || !catalog.get(id)) return fail(undefined, `no meeting "${id}" in ${config.dataDir} (run \`plenary links\` to list them)`);
      const tokens = catalog.tokens(id)!;
      const base = linkBase({ publicUrl: config.publicUrl, host: config.host, port: config.port || 8080 });
      const links = roleLinks(base, id, tokens);
      process.stdout.write(`${catalog.get(id)!.title} (${id})\n`);
      for (const role of ROLES) process.stdout.write(`  ${role.padEnd(10)} ${links[role]}\n`);
      return 0;
    } finally {
      db.close();
    }
  } catch (e) {
    return fail(undefined, (e as Error).message);
  }
}
