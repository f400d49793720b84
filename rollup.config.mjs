// Builds: the SDK as ESM (dependencies external, for bundlers), as ESM and UMD with
// dependencies bundled (global `Offshoot`, for a <script> tag), the pure core, and the
// Node side (CLI + backend). Type declarations come from `tsc` (see `build:types`).
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import json from '@rollup/plugin-json';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const deps = Object.keys(pkg.dependencies ?? {});
const isDep = (id) => deps.some((d) => id === d || id.startsWith(`${d}/`));
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
    input: 'src/player/index.ts',
    external: isDep,
    plugins: browser(),
    output: { file: 'dist/offshoot.mjs', format: 'es', sourcemap: true },
    onwarn: silenceCircular,
  },
  {
    input: 'src/player/index.ts',
    plugins: browser(),
    output: [
      {
        file: 'dist/offshoot.bundle.mjs',
        format: 'es',
        sourcemap: true,
        plugins: [terser()],
        inlineDynamicImports: true,
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
    input: 'src/core/index.ts',
    external: isDep,
    plugins: browser(),
    output: { file: 'dist/core.mjs', format: 'es', sourcemap: true },
  },
  {
    input: { cli: 'src/cli/main.ts', server: 'src/server/index.ts' },
    external: (id) => isDep(id) || id.startsWith('node:') || builtinModules.includes(id),
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
