/**
 * `plenary serve` (what `npm start` runs): builds the client when it is not built yet, starts the server,
 * prints where it listens (and, on a new data folder, the admin token and the demo meeting's links),
 * and shuts down gracefully on SIGTERM/SIGINT.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR, configFromEnv, startServer, type ServerConfig } from '../main.js';
import { ROLES } from '../access/roles.js';
import { fail } from './cliArgs.js';
import { isWildcardHost } from '../http/lanAddress.js';

export async function serveCommand(args: string[]): Promise<number | undefined> {
  const lan = args.includes('--lan');
  const unknown = args.filter((a) => a !== '--lan');
  if (unknown.length) {
    return fail(undefined, `serve takes only --lan (settings come from the environment: PORT, HOST, DATA_DIR, PLENARY_ADMIN_TOKEN, PUBLIC_URL)`);
  }
  let config: ServerConfig;
  try {
    // --lan: serve the room's network (every interface) and hand out links to the LAN address.
    config = configFromEnv(lan ? { ...process.env, HOST: '0.0.0.0' } : process.env);
  } catch (e) {
    return fail(undefined, (e as Error).message);
  }
  // PLENARY_BUILD_CLIENT=0 skips the build (tests start servers that never serve pages).
  if (process.env.PLENARY_BUILD_CLIENT !== '0') buildClientIfMissing(config.clientDir);

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer(config);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') return fail(undefined, `port ${config.port} on ${config.host} is already in use (set PORT)`);
    if (err.code === 'EACCES') return fail(undefined, `not allowed to listen on ${config.host}:${config.port}`);
    return fail(undefined, `cannot start the server: ${err.message}`);
  }

  const out: string[] = [`plenary: listening on ${server.url}`];
  if (server.adminTokenCreated) {
    out.push('', `admin token (printed once; also stored in ${join(config.dataDir, 'admin-token')}):`, `  ${server.adminToken}`);
  }
  if (server.demo) {
    out.push('', `demo meeting ${server.demo.id}:`);
    for (const role of ROLES) out.push(`  ${role.padEnd(10)} ${server.demo.links[role]}`);
  } else if (server.demoError) {
    out.push('', `(no demo meeting: ${server.demoError})`);
  }
  if (isWildcardHost(config.host) && !config.publicUrl) {
    out.push(
      '',
      /^http:\/\/(127\.|0\.0\.0\.0|\[)/.test(server.publicUrl)
        ? `hint: no LAN address found; set PUBLIC_URL (e.g. http://192.168.1.20:${server.port}) so the links work on phones`
        : `links use this machine's LAN address, ${server.publicUrl} (set PUBLIC_URL for a name or a reverse proxy)`,
    );
  }
  process.stdout.write(out.join('\n') + '\n');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      (err) => {
        server.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return undefined;
}

/** Runs `npx vite build` when dist/client is missing and the client sources exist. */
function buildClientIfMissing(clientDir: string): void {
  if (existsSync(join(clientDir, 'index.html')) || !existsSync(join(ROOT_DIR, 'client', 'index.html'))) return;
  process.stderr.write('plenary: building the board (first start)...\n');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: ROOT_DIR, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.stderr.write('warning: the board could not be built; serving the sync server and API only\n');
}
