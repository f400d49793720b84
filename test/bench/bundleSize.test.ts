// The bundle-size budget as a test: `npm test` builds dist/ before vitest, so a change that
// makes the player heavier than its budget fails CI. The budgets and why they are what they
// are: bench/support/bundleBudget.ts. The full table: npx tsx bench/bundle-size.bench.ts
import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGETS, measureBundle } from '../../bench/support/bundleBudget.js';

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

describe('bundle size (the build in dist/)', () => {
  it(`the SDK's own code is within ${BUNDLE_BUDGETS.ownKb} KiB, the self-contained bundle within ${BUNDLE_BUDGETS.bundleKb} KiB and DRM's extra within ${BUNDLE_BUDGETS.drmKb} KiB, min+gzip`, async () => {
    const { own, bundle, bundleAtStart, bundleFiles, drm } = await measureBundle('dist');
    console.log(
      `[bundle] own code ${kb(own.gzip)} KiB, bundle ${kb(bundle.gzip)} KiB in ${bundleFiles.length} file(s), ${kb(bundleAtStart.gzip)} KiB of it before anything lazy; DRM embeds also load ${kb(drm.gzip)} KiB (min+gzip)`,
    );
    expect(own.gzip / 1024, `dist/offshoot.mjs min+gzip, KiB`).toBeLessThanOrEqual(BUNDLE_BUDGETS.ownKb);
    expect(bundle.gzip / 1024, `dist/offshoot.bundle.mjs min+gzip, KiB`).toBeLessThanOrEqual(BUNDLE_BUDGETS.bundleKb);
    expect(drm.gzip / 1024, `the DRM-only chunk (hls.js full build) min+gzip, KiB`).toBeLessThanOrEqual(
      BUNDLE_BUDGETS.drmKb,
    );
  }, 120_000);
});
