import terser from '@rollup/plugin-terser';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import { rollup } from 'rollup';
import type { Plugin } from 'rollup';

const ENTRY = '\0bench-entry';

/**
 * Minify an ES module file with terser (through rollup, as the build does), its bare imports
 * left external: the SDK's own code as a bundler would ship it. Relative imports (the build's
 * shared chunks), dynamic ones included (code loaded lazily), are bundled in: the whole of
 * what the entry can load.
 *
 * @example
 * const min = await minifyFile('dist/offshoot.mjs');
 */
export async function minifyFile(file: string): Promise<string> {
  const bundle = await rollup({
    input: file,
    external: (id) => !id.startsWith('.') && !id.startsWith('/'),
    plugins: [terser()],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}

/**
 * Bundle and minify `code` (an entry module, e.g. `export * from 'xstate'`) with the build's
 * browser resolution: what a dependency weighs alone.
 *
 * @example
 * const min = await bundleEntry("export * from 'hls.js/light';");
 */
export async function bundleEntry(code: string): Promise<string> {
  const virtual: Plugin = {
    name: 'bench-entry',
    resolveId: (id) => (id === ENTRY ? id : null),
    load: (id) => (id === ENTRY ? code : null),
  };
  const bundle = await rollup({
    input: ENTRY,
    plugins: [virtual, resolve({ browser: true }), commonjs(), terser()],
    onwarn: () => {},
  });
  try {
    const { output } = await bundle.generate({ format: 'es', inlineDynamicImports: true });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
