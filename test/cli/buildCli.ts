// Makes sure dist/node/cli.mjs is built from the current sources before the binary is
// spawned: `npm test` builds first; a lone run of these tests builds just the Node bundle
// with the project's own rollup config entry.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RollupOptions, OutputOptions } from 'rollup';

const ROOT = new URL('../../', import.meta.url).pathname;
export const CLI_BUNDLE = join(ROOT, 'dist/node/cli.mjs');
/** The backend's public entry (src/server/index.ts), built by the same rollup entry. */
export const SERVER_BUNDLE = join(ROOT, 'dist/node/server.mjs');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function buildCli(): Promise<void> {
  const stale =
    !existsSync(CLI_BUNDLE) ||
    !existsSync(SERVER_BUNDLE) ||
    statSync(CLI_BUNDLE).mtimeMs <
      Math.max(...['src/cli', 'src/core', 'src/server'].map((dir) => newestSource(join(ROOT, dir))));
  if (!stale) return;
  const { rollup } = await import('rollup');
  const configs = ((await import(join(ROOT, 'rollup.config.mjs'))) as { default: RollupOptions[] }).default;
  const node = configs.find((c) => typeof c.input === 'object' && c.input !== null && 'cli' in c.input);
  if (!node) throw new Error('rollup.config.mjs has no entry building src/cli/main.ts');
  const bundle = await rollup(node);
  try {
    for (const output of [node.output].flat() as OutputOptions[]) await bundle.write(output);
  } finally {
    await bundle.close();
  }
}
