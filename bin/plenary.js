#!/usr/bin/env node
// The `plenary` command. Runs the TypeScript sources through tsx, so it works right after `npm install`
// with no build step (Node 20 cannot strip types by itself).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
