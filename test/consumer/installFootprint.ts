import { readdirSync, readFileSync, lstatSync } from 'node:fs';
import { join } from 'node:path';

export interface InstallFootprint {
  /** Installed packages (every entry of node_modules/.package-lock.json). */
  packages: string[];
  /** Bytes on disk under node_modules (file sizes, links not followed). */
  bytes: number;
}

/**
 * What an `npm install` put in `app`/node_modules: the packages npm recorded and their size.
 *
 * @example
 * const { packages, bytes } = installFootprint('/tmp/app');
 */
export function installFootprint(app: string): InstallFootprint {
  const lock = JSON.parse(readFileSync(join(app, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, unknown>;
  };
  const packages = Object.keys(lock.packages)
    .filter((key) => key.startsWith('node_modules/'))
    .map((key) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length));
  return { packages, bytes: sizeOf(join(app, 'node_modules')) };
}

function sizeOf(path: string): number {
  const stat = lstatSync(path);
  if (!stat.isDirectory()) return stat.isFile() ? stat.size : 0;
  let total = 0;
  for (const name of readdirSync(path)) total += sizeOf(join(path, name));
  return total;
}
