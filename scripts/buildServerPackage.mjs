// Fills packages/server/dist, the built code of the `@offshoot/server` package, after
// `rollup -c` and `tsc -p tsconfig.build.json`: the server and CLI code (dist/node: cli.mjs,
// server.mjs, their chunks and the paint page), the player's UMD bundle (which
// `offshoot test-paths` loads into chromium), and the type declarations the server entry
// needs (server, and the core it takes types from). Run by `npm run build`.
import { cpSync, existsSync, rmSync } from 'node:fs';

const target = 'packages/server/dist';
const needed = [
  'dist/node/cli.mjs',
  'dist/offshoot.umd.js',
  'dist/types/server/index.d.ts',
  'dist/types/core/index.d.ts',
];
for (const file of needed)
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`rollup -c\` and \`npm run build:types\` first`);

rmSync(target, { recursive: true, force: true });
cpSync('dist/node', target, { recursive: true });
cpSync('dist/offshoot.umd.js', `${target}/offshoot.umd.js`);
for (const folder of ['server', 'core'])
  cpSync(`dist/types/${folder}`, `${target}/types/${folder}`, { recursive: true });
console.log(`${target}: server and CLI code, offshoot.umd.js, types (server, core)`);
