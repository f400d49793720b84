import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cached = new Map<string, string>();

/**
 * The bundled page script (dist/node/paint-page.js, built by rollup from paintPage.ts).
 * Found next to the running module (dist/node/server.mjs, or a chunk below it) or, when
 * running from source (tsx, vitest), in the repository's dist/node by walking up;
 * `explicitPath` (the procedural generator's `paintPageScript` option) names it instead, for
 * a bundle that moved the file elsewhere.
 *
 * @example
 * await page.addScriptTag({ content: loadPaintPageScript() });
 */
export function loadPaintPageScript(explicitPath?: string): string {
  const known = cached.get(explicitPath ?? '');
  if (known) return known;
  const candidates: string[] = [];
  if (explicitPath) {
    if (!existsSync(explicitPath))
      throw new Error(`browser renderer: paint page script ${explicitPath} does not exist`);
    candidates.push(explicitPath);
  }
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
  const script = readFileSync(found, 'utf8');
  cached.set(explicitPath ?? '', script);
  return script;
}
