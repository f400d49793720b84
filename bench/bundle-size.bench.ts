// Bundle size: min, min+gzip (level 9) and min+brotli (q11) of every browser artifact, the
// dependencies alone, and which package the bytes of the self-contained bundle come from
// (through its source map). Exits 1 when the SDK's own code (dist/offshoot.mjs) or the
// self-contained bundle, minified and gzipped, is over its budget (bench/support/bundleBudget.ts;
// CI checks the same budgets in test/bench/bundleSize.test.ts).
//
//   npx tsx bench/bundle-size.bench.ts [--budget-kb 60] [--bundle-budget-kb 400] [--dist dist] [--quick]
//
// Needs `npx rollup -c`. --quick skips building the dependencies alone.
import { existsSync, readFileSync } from 'node:fs';
import { attributeBytes } from './support/attributeBytes.js';
import { BUNDLE_BUDGETS, measureBundle } from './support/bundleBudget.js';
import { compressedSizes } from './support/compressedSizes.js';
import type { Sizes } from './support/compressedSizes.js';
import { bundleEntry, minifyFile } from './support/minifyModule.js';
import { fmt, printTable } from './support/printTable.js';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
const BUDGET_KB = flag('budget-kb', BUNDLE_BUDGETS.ownKb);
const BUNDLE_BUDGET_KB = flag('bundle-budget-kb', BUNDLE_BUDGETS.bundleKb);
const kb = (n: number) => fmt(n / 1024, 1);
const distAt = argv.indexOf('--dist');
/** The build folder to measure (e.g. a build of another commit). */
const DIST = distAt >= 0 && argv[distAt + 1] ? argv[distAt + 1]! : 'dist';

/** Build outputs, and whether the build already minified them (rollup.config.mjs). */
const ARTIFACTS: Array<{ file: string; minified: boolean; what: string }> = [
  { file: `${DIST}/offshoot.mjs`, minified: false, what: 'SDK, deps external (minified here)' },
  { file: `${DIST}/core.mjs`, minified: false, what: 'core, deps external (minified here)' },
  {
    file: `${DIST}/offshoot.bundle.mjs`,
    minified: true,
    what: 'SDK + deps, ESM (entry file; with its chunks: budget line)',
  },
  { file: `${DIST}/offshoot.umd.js`, minified: true, what: 'SDK + deps, UMD' },
];
/** The dependencies the browser SDK imports, alone, as the build resolves them. */
const DEPS: Array<{ name: string; entry: string }> = [
  { name: 'hls.js/light', entry: "export * from 'hls.js/light';" },
  { name: 'hls.js (full, the naive baseline)', entry: "export * from 'hls.js';" },
  { name: 'pixi.js', entry: "export * from 'pixi.js';" },
  { name: 'xstate', entry: "export * from 'xstate';" },
];

async function main(): Promise<void> {
  const rows: Array<[string, Sizes, string]> = [];
  const budgeted = await measureBundle(DIST);
  for (const a of ARTIFACTS) {
    if (!existsSync(a.file)) throw new Error(`${a.file} is missing: run \`npm run build\` first`);
    const raw = readFileSync(a.file, 'utf8');
    // Entries may import shared chunks: minifyFile bundles them in, so the row is the whole entry.
    rows.push([a.file, compressedSizes(raw, a.minified ? raw : await minifyFile(a.file)), a.what]);
  }
  if (!QUICK) {
    for (const d of DEPS) {
      const min = await bundleEntry(d.entry);
      rows.push([d.name, compressedSizes(min, min), 'dependency alone, bundled + minified here']);
    }
  }
  printTable(
    ['artifact', 'min KB', 'min+gzip KB', 'min+brotli KB', 'what'],
    rows.map(([name, s, what]) => [name, kb(s.min), kb(s.gzip), kb(s.brotli), what]),
  );

  const bundle = readFileSync(`${DIST}/offshoot.bundle.mjs`, 'utf8');
  const mapFile = `${DIST}/offshoot.bundle.mjs.map`;
  if (existsSync(mapFile)) {
    const owners = [...attributeBytes(bundle, JSON.parse(readFileSync(mapFile, 'utf8'))).entries()].sort(
      (x, y) => y[1] - x[1],
    );
    const total = owners.reduce((s, [, n]) => s + n, 0);
    console.log('\nWhere the bytes of dist/offshoot.bundle.mjs come from (source map; minified bytes):');
    printTable(
      ['owner', 'min KB', 'share'],
      owners.map(([owner, n]) => [owner, kb(n), `${((100 * n) / total).toFixed(1)}%`]),
    );
  }

  const { own, bundle: whole, bundleAtStart, bundleFiles, drm } = budgeted;
  console.log(
    `\nbudget: SDK's own code (dist/offshoot.mjs and its chunks) min+gzip ${kb(own.gzip)} KB, budget ${BUDGET_KB} KB` +
      `; bundle (${bundleFiles.length} file(s), each gzipped alone) ${kb(whole.gzip)} KB, budget ${BUNDLE_BUDGET_KB} KB` +
      `; of it before anything lazy ${kb(bundleAtStart.gzip)} KB` +
      `; DRM embeds also load ${kb(drm.gzip)} KB, budget ${BUNDLE_BUDGETS.drmKb} KB`,
  );
  const over = [
    own.gzip > BUDGET_KB * 1024 && 'SDK own code',
    whole.gzip > BUNDLE_BUDGET_KB * 1024 && 'bundle',
    drm.gzip > BUNDLE_BUDGETS.drmKb * 1024 && 'DRM chunk',
  ].filter(Boolean);
  if (over.length) {
    console.error(`OVER BUDGET: ${over.join(', ')}`);
    process.exit(1);
  }
  console.log('within budget');
}

main().catch((error: unknown) => {
  console.error('[bundle-size bench] failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
