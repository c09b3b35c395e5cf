/**
 * `plenary links MEETING`: prints a meeting's four links, the same ones that were handed out (tokens are
 * kept sealed next to their hashes; see tokens.ts). Reads DATA_DIR and PUBLIC_URL (or HOST/PORT) like
 * `serve`; works while the server runs. Without MEETING, lists the meetings.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { openCluster } from '../cluster/openCluster.js';
import { isValidMeetingId } from '../../shared/document/meetingId.js';
import { configFromEnv } from '../main.js';
import { loadSealingKey } from '../access/dataDirSecrets.js';
import { MeetingCatalog } from '../meetings/MeetingCatalog.js';
import { DATABASE_FILE, openDatabase } from '../persistence/openDatabase.js';
import { ROLES, roleLinks } from '../access/roles.js';
import { linkBase } from '../http/lanAddress.js';
import { fail, parseArgs, UsageError } from './cliArgs.js';

export async function linksCommand(args: string[]): Promise<number | undefined> {
  try {
    const { positional } = parseArgs(args, []);
    if (positional.length > 1) throw new UsageError('usage: plenary links [MEETING]');
    const config = configFromEnv(process.env);
    // With DATABASE_URL the meetings are in PostgreSQL (the secrets still in DATA_DIR).
    let catalog: MeetingCatalog;
    let done: () => Promise<void>;
    const where = config.databaseUrl ? 'the database' : config.dataDir;
    if (config.databaseUrl) {
      const cluster = await openCluster(config.databaseUrl, loadSealingKey(config.dataDir), pino({ level: 'silent' }));
      catalog = cluster.catalog;
      done = () => cluster.close();
    } else {
      if (!existsSync(join(config.dataDir, DATABASE_FILE))) {
        return fail(undefined, `no meetings in ${config.dataDir} (start the server once, or set DATA_DIR)`);
      }
      const db = openDatabase(config.dataDir);
      catalog = new MeetingCatalog(db, loadSealingKey(config.dataDir));
      done = async () => {
        db.close();
      };
    }
    try {
      const id = positional[0];
      if (!id) {
        const all = catalog.list();
        if (!all.length) process.stdout.write('no meetings yet\n');
        for (const m of all) process.stdout.write(`${m.id}  ${m.startDate || '?'}  ${m.title}\n`);
        return 0;
      }
      if (!isValidMeetingId(id) || !catalog.get(id)) return fail(undefined, `no meeting "${id}" in ${where} (run \`plenary links\` to list them)`);
      const tokens = catalog.tokens(id)!;
      const base = linkBase({ publicUrl: config.publicUrl, host: config.host, port: config.port || 8080 });
      const links = roleLinks(base, id, tokens);
      process.stdout.write(`${catalog.get(id)!.title} (${id})\n`);
      for (const role of ROLES) process.stdout.write(`  ${role.padEnd(10)} ${links[role]}\n`);
      return 0;
    } finally {
      await done();
    }
  } catch (e) {
    return fail(undefined, (e as Error).message);
  }
}
