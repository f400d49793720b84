// The bundle-size budgets, in one place: bench/bundle-size.bench.ts prints against them and
// test/bench/bundleSize.test.ts (run by `npm test`, after the build) fails when one is missed.
import { existsSync, readFileSync } from 'node:fs';
import { compressedSizes } from './compressedSizes.js';
import type { Sizes } from './compressedSizes.js';
import { minifyFile } from './minifyModule.js';

/**
 * min+gzip budgets in KiB.
 * - `ownKb`: the SDK's own code (dist/offshoot.mjs and the chunks it imports, dependencies
 *   external, minified as a bundler would): the part this project fully controls. 60 KiB has
 *   been the budget since the bench was written (43 KiB measured when it became a test): room
 *   for the planned features (ABR, alternate tracks), not for the code to double.
 * - `bundleKb`: dist/offshoot.bundle.mjs, SDK and dependencies for a `<script>` tag. Set
 *   from what an embed needs: on the benches' `slow` profile (3 Mbps) 400 KiB arrives in
 *   about 1.1 s, the most a page should wait for the player's script before its first frame.
 */
export const BUNDLE_BUDGETS = { ownKb: 60, bundleKb: 400 } as const;

export interface BundleSizes {
  /** The SDK's own code, dependencies external, minified here. */
  own: Sizes;
  /** The self-contained ESM bundle, as built (already minified). */
  bundle: Sizes;
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
  const bundle = readFileSync(bundleFile, 'utf8');
  for (const [file, text] of [
    [ownFile, own],
    [bundleFile, bundle],
  ] as const)
    if (text.length < 2000) throw new Error(`${file} holds ${text.length} characters, a stub: run \`npm run build\``);
  return { own: compressedSizes(readFileSync(ownFile, 'utf8'), own), bundle: compressedSizes(bundle, bundle) };
}
