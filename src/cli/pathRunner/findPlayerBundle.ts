import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built UMD player bundle should be: `dist/offshoot.umd.js` in the package this
 * code belongs to (the nearest folder up with a package.json, from src/cli or from
 * dist/node alike). Returns the path whether or not it exists, so the caller can say what
 * to build.
 *
 * @example
 * const bundle = findPlayerBundle();
 * if (!existsSync(bundle)) console.error(`${bundle} is missing: run npm run build`);
 */
export function findPlayerBundle(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'dist', 'offshoot.umd.js');
    const up = dirname(dir);
    if (up === dir) return join(process.cwd(), 'dist', 'offshoot.umd.js');
    dir = up;
  }
}
