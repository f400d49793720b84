import type { PlayerHost } from './PlayerHost.js';

/**
 * Play; when the browser refuses unmuted autoplay, retry muted (the viewer can unmute
 * with the control bar) rather than sit on a black frame.
 *
 * @example
 * await playWithFallback(host);
 */
export async function playWithFallback(host: PlayerHost): Promise<void> {
  try {
    await host.engine.play();
  } catch (error) {
    if ((error as { name?: string }).name !== 'NotAllowedError' || host.video.muted) return;
    host.video.muted = true;
    await host.engine.play().catch(() => undefined);
  }
}
