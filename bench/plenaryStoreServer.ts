/**
 * Plenary's server with a chosen document store, for the durability scenario: the same startServer and
 * settings as `plenary serve` (configFromEnv), plus the server's own `memoryStore` option, which no
 * environment variable exposes. BENCH_STORE=memory selects the in-memory store; anything else SQLite.
 * Prints `listening on URL` like serve, and stops on SIGTERM.
 */
import { configFromEnv, startServer } from '../server/main.js';

const config = { ...configFromEnv(process.env), demo: false, memoryStore: process.env.BENCH_STORE === 'memory' };
const server = await startServer(config);
process.stdout.write(`plenary (${config.memoryStore ? 'memory' : 'SQLite'} store): listening on ${server.url}\n`);
process.on('SIGTERM', () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
