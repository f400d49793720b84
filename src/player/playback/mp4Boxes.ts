// The box walker moved to core (src/core/media/mp4Boxes.ts) so the CLI's media check reads
// codecs with it too; the player's modules keep importing it from here.
export { mp4Boxes, mp4Path } from '../../core/media/mp4Boxes.js';
export type { Mp4Box } from '../../core/media/mp4Boxes.js';
