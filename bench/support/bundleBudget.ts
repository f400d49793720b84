// The bundle-size budgets, in one place: bench/bundle-size.bench.ts prints against them and
// test/bench/bundleSize.test.ts (run by `npm test`, after the build) fails when one is missed.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { compressedSizes } from './compressedSizes.js';
import type { Sizes } from './compressedSizes.js';
import { minifyFile } from './minifyModule.js';

/**
 * min+gzip budgets in KiB.
 * - `ownKb`: the SDK's own code (dist/offshoot.mjs and the chunks it imports, dependencies
 *   external, minified as a bundler would): the part this project fully controls. 60 KiB has
 *   been the budget since the bench was written (43 KiB measured when it became a test): room
 *   for the planned features (ABR, alternate tracks), not for the code to double.
 * - `bundleKb`: dist/offshoot.bundle.mjs and the chunks it loads (lazily too), SDK and
 *   dependencies for a `<script>` tag, each file compressed alone as it is served. Set
 *   from what an embed needs: on the benches' `slow` profile (3 Mbps) 400 KiB arrives in
 *   about 1.1 s, the most a page should wait for the player's script before its first frame.
 */
export const BUNDLE_BUDGETS = { ownKb: 60, bundleKb: 400 } as const;

export interface BundleSizes {
  /** The SDK's own code, dependencies external, minified here (lazy chunks included). */
  own: Sizes;
  /** The self-contained ESM bundle, as built (already minified): the entry and every chunk it can load, each compressed alone. */
  bundle: Sizes;
  /** The bundle's files: the entry, then the chunks it imports (statically or lazily). */
  bundleFiles: string[];
  /** Of the bundle, what a page loads before anything lazy (the entry and its static imports). */
  bundleAtStart: Sizes;
}

// A relative import in built code: `from"./x.mjs"`, `import"./x.mjs"`, and with `lazy`, `import("./x.mjs")`.
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g;
const ANY_IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

/**
 * `entry` and every file it reaches through relative imports: static ones, and with `lazy`
 * (the default) dynamic ones too.
 *
 * @example
 * filesReachedFrom('dist/offshoot.bundle.mjs'); // ['dist/offshoot.bundle.mjs', 'dist/chunks/bundle-OverlayStage-….mjs', …]
 */
export function filesReachedFrom(entry: string, lazy = true): string[] {
  const pattern = lazy ? ANY_IMPORT : STATIC_IMPORT;
  const seen = new Set<string>([resolve(entry)]);
  const queue = [resolve(entry)];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const m of readFileSync(file, 'utf8').matchAll(pattern)) {
      const next = resolve(dirname(file), m[1]!);
      if (!seen.has(next) && existsSync(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen].map((f) => relative(process.cwd(), f));
}

/**
 * Measure the two budgeted artifacts of a build folder.
 *
 * @throws Error naming the file and the command to run when the build is missing.
 * @example
 * const { own, bundle } = await measureBundle('dist');
 * own.gzip / 1024 <= BUNDLE_BUDGETS.ownKb;
 */
export async function measureBundle(dist = 'dist'): Promise<BundleSizes> {
  const ownFile = `${dist}/offshoot.mjs`;
  const bundleFile = `${dist}/offshoot.bundle.mjs`;
  for (const file of [ownFile, bundleFile])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  // The entry may be a few lines that import shared chunks: minifyFile bundles those in.
  const own = await minifyFile(ownFile);
  if (own.length < 2000)
    throw new Error(`${ownFile} bundles to ${own.length} characters, a stub: run \`npm run build\``);
  const bundleFiles = filesReachedFrom(bundleFile);
  const bundle = sizesOfFiles(bundleFiles);
  if (bundle.min < 2000) throw new Error(`${bundleFile} holds ${bundle.min} bytes, a stub: run \`npm run build\``);
  const bundleAtStart = sizesOfFiles(filesReachedFrom(bundleFile, false));
  return { own: compressedSizes(readFileSync(ownFile, 'utf8'), own), bundle, bundleFiles, bundleAtStart };
}

/** Built (already minified) files, each compressed alone as a server sends it, summed. */
function sizesOfFiles(files: string[]): Sizes {
  return files
    .map((file) => {
      const text = readFileSync(file, 'utf8');
      return compressedSizes(text, text);
    })
    .reduce((sum, p) => ({
      raw: sum.raw + p.raw,
      min: sum.min + p.min,
      gzip: sum.gzip + p.gzip,
      brotli: sum.brotli + p.brotli,
    }));
}
