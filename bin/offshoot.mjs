#!/usr/bin/env node
// The `offshoot` command, run from this repository's build (dist/node; `npm run build`
// first). Users get it from the `@offshoot/server` package (packages/server/bin).
import { main } from '../dist/node/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
