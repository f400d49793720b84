#!/usr/bin/env node
// The `offshoot` command of @offshoot/server. Its code is dist/cli.mjs, which the
// repository's `npm run build` writes (scripts/buildServerPackage.mjs).
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
