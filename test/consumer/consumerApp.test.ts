// A web team's first day, as a test: pack both packages (`npm pack`), install them into a
// fresh app in a temp folder outside the repository, type-check a strict TypeScript embed
// (ESM import, the custom element from `offshoot/element`, the UMD global, the React
// example of examples/react, the server package from Node), build it with Vite, and play
// "Night walk" to its end in chromium with every way of embedding. It also installs the
// player package alone into an empty app and prints its install footprint.
// Needs `npm run build` and `npm run media`; the installs come from npm's cache when the
// repository's own `npm ci` has filled it.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../bench/support/staticServer.js';
import type { StaticServer } from '../../bench/support/staticServer.js';
import { installFootprint } from './installFootprint.js';
import { runCommand } from './runCommand.js';

const ROOT = resolve(import.meta.dirname, '../..');
const root = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const serverManifest = JSON.parse(readFileSync(join(ROOT, 'packages/server/package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const pinned = (name: string) => root.devDependencies[name] ?? root.dependencies[name]!;
const INSTALL = ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
const npm = (args: string[], cwd: string) => runCommand('npm', args, { cwd });
const node = (args: string[], cwd: string) => runCommand(process.execPath, args, { cwd });

let work: string;
let app: string;
let tarballs: { player: string; server: string };
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  for (const file of ['dist/offshoot.mjs', 'dist/offshoot.umd.js', 'packages/server/dist/cli.mjs', 'test/media/intro'])
    if (!existsSync(join(ROOT, file)))
      throw new Error(`${file} is missing: run \`npm run build\` and \`npm run media\``);
  work = await mkdtemp(join(tmpdir(), 'offshoot-consumer-'));
  const packed = async (cwd: string) =>
    (await npm(['pack', '--pack-destination', work], cwd)).trim().split('\n').pop()!;
  tarballs = {
    player: join(work, await packed(ROOT)),
    server: join(work, await packed(join(ROOT, 'packages/server'))),
  };

  app = join(work, 'app');
  cpSync(join(ROOT, 'test/consumer/app'), app, { recursive: true });
  cpSync(join(ROOT, 'examples/react'), join(app, 'react'), { recursive: true });
  const devTools = ['typescript', 'vite', '@types/react', '@types/react-dom', '@types/node'];
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'consumer-app',
      private: true,
      type: 'module',
      dependencies: {
        offshoot: `file:${tarballs.player}`,
        '@offshoot/server': `file:${tarballs.server}`,
        react: pinned('react'),
        'react-dom': pinned('react-dom'),
      },
      devDependencies: Object.fromEntries(devTools.map((name) => [name, pinned(name)])),
    }),
  );
  await npm(INSTALL, app);
  // A site serves the UMD bundle as a file of its own, next to the page.
  mkdirSync(join(app, 'public'));
  cpSync(join(app, 'node_modules/offshoot/dist/offshoot.umd.js'), join(app, 'public/offshoot.umd.js'));
  await node(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], app);

  const story = readFileSync(join(ROOT, 'examples/night-walk.json'), 'utf8');
  server = await startStaticServer(
    { '/stories/media/': join(ROOT, 'test/media'), '/': join(app, 'dist') },
    { '/stories/night-walk.json': story },
  );
  browser = await chromium.launch(chromiumLaunchOptions);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a consumer app', () => {
  test('the player package installs without the backend, the CLI or the importers', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'empty-app', private: true }));
    await npm([...INSTALL, tarballs.player], empty);
    const { packages, bytes } = installFootprint(empty);
    console.log(
      `\nInstall footprint of the packed player package (npm install offshoot into an empty app):\n` +
        `  packages: ${packages.length}\n  node_modules: ${(bytes / 1e6).toFixed(1)} MB\n` +
        `  top-level dependencies: ${Object.keys(root.dependencies).join(', ')}\n`,
    );
    for (const name of Object.keys(root.dependencies)) expect(packages).toContain(name);
    const serverOnly = Object.keys(serverManifest.dependencies).filter((name) => !(name in root.dependencies));
    expect(serverOnly.length).toBeGreaterThan(0);
    for (const name of serverOnly) expect(packages, `${name} is the backend's`).not.toContain(name);
  }, 300_000);

  test('a strict TypeScript embed type-checks against both packages', async () => {
    await node(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], app);
  }, 120_000);

  test("the server package's `offshoot` bin validates a story", async () => {
    const out = await node(
      ['node_modules/@offshoot/server/bin/offshoot.mjs', 'validate', join(ROOT, 'examples/night-walk.json')],
      app,
    );
    expect(out).toMatch(/night-walk\.json/);
  }, 60_000);

  const pages = [
    { name: 'ESM import', path: '/esm.html' },
    { name: 'custom element (offshoot/element)', path: '/element.html' },
    { name: 'UMD global', path: '/umd.html' },
    { name: 'React, createPlayer in a ref', path: '/react/index.html?variant=hook' },
    { name: 'React, custom element', path: '/react/index.html?variant=element' },
  ];
  test.concurrent.each(pages)(
    'plays Night walk to its end: $name',
    async ({ path }) => {
      const page = await browser.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      try {
        await page.goto(server.origin + path);
        // Done when the player is gone after the ending, or stopped by a fatal error.
        await page.waitForFunction(
          () =>
            window.offshootLog?.some(
              (e) =>
                e.type === 'destroyed' ||
                e.type === 'unmounted' ||
                (e.type === 'error' && (e.payload as { fatal?: boolean }).fatal),
            ),
          undefined,
          { timeout: 240_000, polling: 250 },
        );
        const log = await page.evaluate(() => window.offshootLog);
        const leftovers = await page.evaluate(() => document.querySelectorAll('video, canvas').length);
        const of = (type: string) =>
          log.filter((e) => e.type === type).map((e) => e.payload as Record<string, unknown>);
        expect(of('error').filter((e) => e.fatal)).toEqual([]);
        expect(pageErrors).toEqual([]);
        const segments = of('segmentstart').map((e) => e.segmentId);
        expect(segments[0]).toBe('intro');
        expect(of('choice').length).toBeGreaterThanOrEqual(1);
        expect(of('ended')).toHaveLength(1);
        expect(of('ended')[0]!.segmentId).toBe(segments.at(-1));
        // Destroying the player (or unmounting it) leaves no video or canvas behind.
        expect(leftovers).toBe(0);
      } finally {
        await page.close();
      }
    },
    300_000,
  );
});

declare global {
  interface Window {
    offshootLog: Array<{ type: string; payload?: unknown }>;
  }
}
