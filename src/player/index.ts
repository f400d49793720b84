// Public entry of the browser SDK: `import { createPlayer } from 'offshoot'`.
// Importing it also registers <offshoot-player> (unless that name is already taken).
export * from '../core/index.js';
export { createPlayer } from './createPlayer.js';
export type { Player, PlayerStats } from './setup/Player.js';
export type { PlayerOptions } from './setup/PlayerOptions.js';
export type { PlayerStart } from './setup/PlayerStart.js';
export { PlayerError } from './setup/PlayerError.js';
export type { PlayerEvents, PlayerErrorCode } from './PlayerEvents.js';
export type { SnapshotStorage } from './persist/SnapshotStorage.js';
export { localSnapshotStorage } from './persist/localSnapshotStorage.js';
export { createOverlay } from './overlay/createOverlay.js';
export type { Overlay, OverlayOptions, OverlayState } from './overlay/Overlay.js';
export type { OverlayEvents, OverlayChoice, OverlayOption } from './overlay/OverlayEvents.js';
export { createPlaybackEngine } from './playback/PlaybackEngine.js';
export type {
  PlaybackEngine,
  PlaybackEngineOptions,
  PlaybackEvents,
  PlaybackStats,
  SegmentSource,
} from './playback/PlaybackEngine.js';
export { OffshootPlayerElement, defineOffshootPlayer } from './element/OffshootPlayerElement.js';
export { validateStory } from '../core/validate/validateStory.js';
export { formatIssue } from '../core/validate/formatIssue.js';
export type { ValidationReport, ValidationIssue } from '../core/validate/ValidationReport.js';

import { defineOffshootPlayer } from './element/OffshootPlayerElement.js';

defineOffshootPlayer();
