// Path search: every playthrough of a story, for authors and the `offshoot paths` command.
export { enumeratePaths } from './enumeratePaths.js';
export type { PathsReport, PathsProgress, EnumeratePathsOptions } from './PathsReport.js';
export { relevantNames } from './relevantNames.js';
