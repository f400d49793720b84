// Runs once before the test projects. Test media is made by `npm run media`
// (scripts/make-test-media.ts) before vitest starts; this only checks it is there
// so a missing step fails with a clear message rather than a 404 deep in a test.
import { existsSync } from 'node:fs';

export default function setup(): void {
  if (!existsSync('test/media/.complete')) {
    console.warn('[offshoot tests] test/media is missing: run `npm run media` (npm test does it for you).');
  }
}
