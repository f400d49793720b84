import type { PlayerStats } from './Player.js';
import type { PlayerHost } from './PlayerHost.js';

/**
 * The player's numbers: story-level counts from the wiring, frame-level ones from the engine.
 *
 * @example
 * const { stalls, maxBranchGapMs } = collectStats(host);
 */
export function collectStats(host: PlayerHost): PlayerStats {
  const e = host.engine.stats();
  const g = host.generation?.stats();
  const reached = g ? g.readyInTime + g.late : 0;
  return {
    ...(g && reached > 0 ? { branchesReadyInTime: g.readyInTime / reached } : {}),
    transitions: host.records.transitions,
    stalls: e.stalls,
    stallMs: e.stallMs,
    maxBranchGapMs: e.maxBranchGapMs,
    droppedFrames: e.droppedVideoFrames,
    totalFrames: e.totalVideoFrames,
    startupMs: e.startupMs,
    failedSegments: [...host.records.failed],
    playback: e,
  };
}
