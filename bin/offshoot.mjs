#!/usr/bin/env node
// The `offshoot` command. Built code lives in dist/node (run `npm run build` first).
import { main } from '../dist/node/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
