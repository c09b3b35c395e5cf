/**
 * Plenary's server as `plenary serve` starts it (startServer with configFromEnv), plus two of the server's
 * own options that no environment variable exposes: BENCH_STORE=memory selects its `memoryStore` (the
 * durability scenario), BENCH_CLIENT_DIR serves a client build made by the benchmark (the browser
 * scenario, so that dist/ is never rebuilt under someone else's feet). Prints `listening on URL` like
 * serve, and stops on SIGTERM.
 */
import { configFromEnv, startServer } from '../server/main.js';

const base = configFromEnv(process.env);
const config = {
  ...base,
  demo: false,
  memoryStore: process.env.BENCH_STORE === 'memory',
  clientDir: process.env.BENCH_CLIENT_DIR || base.clientDir,
};
const server = await startServer(config);
process.stdout.write(`plenary (${config.memoryStore ? 'memory' : 'SQLite'} store): listening on ${server.url}\n`);
process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
