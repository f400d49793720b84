// Each package declares exactly what its built code imports: the player package's
// dependencies are what dist/offshoot.mjs, element.mjs, core.mjs and their chunks import,
// and @offshoot/server's are what packages/server/dist imports, pinned at the versions the
// repository installs. A dependency added at the root for server code (or a server one
// left in the player's list) fails here instead of in a user's install. Needs `npm run build`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const manifest = (file: string) =>
  JSON.parse(read(file)) as { dependencies: Record<string, string>; devDependencies?: Record<string, string> };

/** The npm package names a folder of built ES modules imports (statically or dynamically). */
function importedPackages(folder: string, include: (file: string) => boolean): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.mjs$/.test(f) && include(f),
  );
  for (const file of files) {
    const code = read(join(folder, file));
    // Rollup writes static imports as statements at the start of a line; dynamic ones as import('x').
    const statements = /^(?:import|export)\b[^;'"]*?(?:\bfrom\s*)?['"]([^'"./][^'"]*)['"]/gm;
    const dynamic = /\bimport\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g;
    for (const match of [...code.matchAll(statements), ...code.matchAll(dynamic)]) {
      const id = match[1]!;
      if (id.startsWith('node:') || builtinModules.includes(id)) continue;
      names.add(id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!);
    }
  }
  return names;
}

test('the player package depends on exactly what its ES modules import', () => {
  if (!existsSync(join(ROOT, 'dist/offshoot.mjs'))) throw new Error('dist is missing: run `npm run build`');
  // The <script> bundles inline their dependencies; the ES modules for bundlers import them.
  const imported = importedPackages('dist', (f) => !f.includes('bundle') && !f.startsWith('node'));
  expect([...imported].sort()).toEqual(Object.keys(manifest('package.json').dependencies).sort());
});

test('@offshoot/server depends on exactly what its code imports, at the versions the repository installs', () => {
  if (!existsSync(join(ROOT, 'packages/server/dist/server.mjs')))
    throw new Error('packages/server/dist is missing: run `npm run build`');
  const server = manifest('packages/server/package.json').dependencies;
  const imported = importedPackages('packages/server/dist', () => true);
  expect([...imported].sort()).toEqual(Object.keys(server).sort());
  const root = manifest('package.json');
  const installed = (name: string) =>
    (JSON.parse(read(join('node_modules', name, 'package.json'))) as { version: string }).version;
  for (const [name, version] of Object.entries(server)) {
    expect(version, `${name}: pin an exact version`).toMatch(/^\d+\.\d+\.\d+$/);
    expect(installed(name), `${name} in node_modules`).toBe(version);
    const atRoot = root.dependencies[name] ?? root.devDependencies?.[name];
    if (atRoot) expect(atRoot, `${name}: the root pins another version`).toBe(version);
  }
});
