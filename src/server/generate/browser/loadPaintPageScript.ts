import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The bundled page script (dist/node/paint-page.js, built by rollup from paintPage.ts).
 * Found next to the running module (dist/node/server.mjs, or a chunk below it) or, when
 * running from source (tsx, vitest), in the repository's dist/node by walking up;
 * `OFFSHOOT_PAINT_PAGE` names it explicitly.
 */
export function loadPaintPageScript(): string {
  if (cached) return cached;
  const candidates: string[] = [];
  if (process.env.OFFSHOOT_PAINT_PAGE) candidates.push(process.env.OFFSHOOT_PAINT_PAGE);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 8; up++) {
    candidates.push(join(dir, 'paint-page.js'), join(dir, 'dist', 'node', 'paint-page.js'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      'browser renderer: dist/node/paint-page.js not found: run `npm run build` (looked in ' +
        candidates.slice(0, 3).join(', ') +
        ', ...)',
    );
  cached = readFileSync(found, 'utf8');
  return cached;
}
