import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './scripts/chromium.mjs';
import { faultCommands } from './test/support/faultCommands.js';

// Two projects: `node` for everything that runs without a page (core, server,
// CLI), `browser` for the player in real Debian chromium. They run one after the other
// (groupOrder): the browser tests measure playback (frame gaps, stalls), and renders and
// encodes of the node tests on the same two cores would make those figures noise.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/ClosingLineReporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          sequence: { groupOrder: 0 },
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ['test/support/globalSetup.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 1 },
          include: ['test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: [
            'test/support/globalSetup.ts',
            'test/support/backendGlobalSetup.ts',
            // A backend of its own for the head-first preemption test (a store no other file fills).
            'test/server/support/headFirstBackendSetup.ts',
            // A backend with an S3 store on s3rver, for the player reading a rendition as it grows.
            'test/server/support/s3BackendSetup.ts',
            // A backend rendering a 180p + 360p ladder, for the player switching inside a growing segment.
            'test/server/support/ladderBackendSetup.ts',
          ],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
            fileParallelism: false,
            // Network faults for test/player/faults: loopback servers the page controls.
            commands: faultCommands,
          },
        },
      },
    ],
  },
});
