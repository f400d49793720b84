/**
 * The Offshoot player: `createPlayer(container, options)` and the `<offshoot-player>` element
 * for interactive, branching short-form video, with the story types and the validator. The
 * element is registered by `import 'offshoot/element'`; the story core's full toolbox is
 * `offshoot/core`.
 *
 * @example
 * import { createPlayer } from 'offshoot';
 * const player = await createPlayer(document.querySelector('#stage')!, { story: '/night-walk.json', autoplay: true, muted: true });
 * player.on('ended', ({ segmentId }) => console.log('ending', segmentId));
 *
 * @packageDocumentation
 */
// Public entry of the browser SDK: `import { createPlayer } from 'offshoot'`.
// No side effects: `<offshoot-player>` is registered by `import 'offshoot/element'` (or by
// the <script> bundles), or by calling defineOffshootPlayer(). The pure story core's full
// toolbox (rules, machine, paths, expressions) is `offshoot/core`; what a player embed
// needs of it is re-exported here. Internals (overlay, playback engine, generation client)
// are not exported: see docs/decisions/0008-package-split.md.
export { createPlayer } from './createPlayer.js';
export type { Player, PlayerStats } from './setup/Player.js';
export type { PlayerOptions } from './setup/PlayerOptions.js';
export type { PlayerStart } from './setup/PlayerStart.js';
export { PlayerError } from './setup/PlayerError.js';
export type { PlayerEvents, PlayerErrorCode } from './PlayerEvents.js';
export type { SubtitleTrack } from './playback/subtitles/SubtitleTrack.js';
export type { AudioTrackInfo } from './playback/audio/AudioTrackInfo.js';
export type { SnapshotStorage } from './persist/SnapshotStorage.js';
export { localSnapshotStorage } from './persist/localSnapshotStorage.js';
export type { PlaybackEngineOptions } from './playback/PlaybackEngine.js';
export type { PlaybackStats, PlaybackErrorCode } from './playback/PlaybackEngine.js';
export type { GenerationClientOptions } from './generation/GenerationClient.js';
export type { RetryOptions } from './generation/backoff.js';
export { OffshootPlayerElement, defineOffshootPlayer } from './element/OffshootPlayerElement.js';
export type { OffshootPlayerEventMap } from './element/OffshootPlayerElement.js';
export { validateStory } from '../core/validate/validateStory.js';
export type { ValidateOptions } from '../core/validate/validateStory.js';
export { formatIssue } from '../core/validate/formatIssue.js';
export { ISSUE_CODES, WARNING_CODES } from '../core/validate/ValidationReport.js';
export type { IssueCode, ValidationReport, ValidationIssue } from '../core/validate/ValidationReport.js';
export type * from '../core/story/Story.js';
export type * from '../core/story/Variables.js';
export type { StorySnapshot, SnapshotPreferences } from '../core/machine/StorySnapshot.js';
export type { HistoryEntry } from '../core/machine/StoryContext.js';
export type { Handler } from '../core/events/EventHub.js';
export type { BackendErrorCode, JobFailureCode } from '../core/protocol/BackendErrorCode.js';
