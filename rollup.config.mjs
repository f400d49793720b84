// Builds two packages (see docs/decisions/0008-package-split.md):
// - `offshoot`, the player: the SDK as ESM for bundlers (entries offshoot, element and core
//   sharing chunks, dependencies external), and as ESM and UMD with dependencies bundled
//   (global `Offshoot`, for a <script> tag; these register <offshoot-player>).
// - `@offshoot/server` (packages/server): the Node side (CLI + backend) and the paint page,
//   written to dist/node (which the repository's own tools run); scripts/buildServerPackage.mjs
//   copies it into packages/server/dist with the player bundle and the type declarations.
// Type declarations come from `tsc` (see `build:types`).
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const manifest = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const dependsOn = (names) => (id) => names.some((d) => id === d || id.startsWith(`${d}/`));
const isPlayerDep = dependsOn(Object.keys(manifest('./package.json').dependencies ?? {}));
const isServerDep = dependsOn(Object.keys(manifest('./packages/server/package.json').dependencies ?? {}));
const isNodeBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);
// noCheck: `npm run typecheck` already checks the whole tree once; checking again per bundle made the build 4× slower.
const ts = (outDir = 'dist') =>
  typescript({
    tsconfig: './tsconfig.json',
    declaration: false,
    sourceMap: true,
    outDir,
    include: ['src/**/*.ts'],
    noCheck: true,
  });
const browser = () => [resolve({ browser: true }), commonjs(), json(), ts()];
const silenceCircular = (warning, warn) => {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && /node_modules/.test(warning.message)) return;
  warn(warning);
};

export default [
  {
    input: {
      offshoot: 'src/player/index.ts',
      element: 'src/player/element/index.ts',
      core: 'src/core/index.ts',
    },
    external: isPlayerDep,
    plugins: browser(),
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].mjs',
    },
    onwarn: silenceCircular,
  },
  {
    input: 'src/player/bundle.ts',
    // Lets the overlay's lazily loaded chunk import from the entry itself (no facade file).
    preserveEntrySignatures: 'allow-extension',
    plugins: browser(),
    output: [
      {
        // The overlay's renderer (pixi.js) is a chunk of its own, loaded when the overlay first
        // draws: the first frame does not wait for its bytes (docs/decisions/0006-native-video-overlay.md).
        dir: 'dist',
        entryFileNames: 'offshoot.bundle.mjs',
        chunkFileNames: 'chunks/bundle-[name]-[hash].mjs',
        format: 'es',
        sourcemap: true,
        plugins: [terser()],
      },
      {
        file: 'dist/offshoot.umd.js',
        format: 'umd',
        name: 'Offshoot',
        sourcemap: true,
        plugins: [terser()],
        inlineDynamicImports: true,
      },
    ],
    onwarn: silenceCircular,
  },
  {
    input: { cli: 'src/cli/main.ts', server: 'src/server/index.ts' },
    external: (id) => isServerDep(id) || isNodeBuiltin(id),
    plugins: [resolve({ preferBuiltins: true }), json(), ts('dist/node')],
    output: {
      dir: 'dist/node',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].mjs',
      chunkFileNames: 'chunks/[name]-[hash].mjs',
    },
  },
  {
    // The backend's browser render path loads this into headless chromium: the same painter
    // as the CPU path (paintFrame) plus the WebCodecs encoder loop, as one classic script.
    input: 'src/server/generate/browser/paintPage.ts',
    plugins: [resolve({ browser: true }), ts('dist/node')],
    output: { file: 'dist/node/paint-page.js', format: 'iife', sourcemap: true },
  },
];
