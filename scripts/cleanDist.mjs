// Empties dist/chunks and dist/types before a build: rollup names chunks by content hash
// and tsc writes a declaration per source file, and neither deletes what a rename or a new
// hash left behind; `npm pack` ships both folders, so stale files would pile up in the
// package. Run by `npm run build` (not by the rollup config, which tests also load).
import { rmSync } from 'node:fs';

for (const folder of ['dist/chunks', 'dist/types']) rmSync(folder, { recursive: true, force: true });
