// A React 19 component that plays an Offshoot story with `createPlayer` in a ref: the
// player is created when the container mounts and destroyed on unmount (or when `story`
// changes), so nothing it added (video, canvas, listeners, timers) outlives the component.
import { useEffect, useRef } from 'react';
import { createPlayer } from 'offshoot';
import type { Player, PlayerEvents } from 'offshoot';

export interface OffshootStoryProps {
  /** URL of the story file. */
  story: string;
  /** Called once per player event, with its name and payload. */
  onEvent?: <K extends keyof PlayerEvents>(type: K, payload: PlayerEvents[K]) => void;
}

export function OffshootStory({ story, onEvent }: OffshootStoryProps) {
  const container = useRef<HTMLDivElement>(null);
  // The latest callback, read by the listeners, so a new onEvent does not rebuild the player.
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const host = container.current;
    if (!host) return;
    let player: Player | null = null;
    let unmounted = false;
    const forward =
      <K extends keyof PlayerEvents>(type: K) =>
      (payload: PlayerEvents[K]) =>
        handler.current?.(type, payload);
    // Listeners go in `on`, so even the first segment's events and a load error are seen.
    void createPlayer(host, {
      story,
      autoplay: true,
      muted: true,
      on: {
        segmentstart: forward('segmentstart'),
        choice: forward('choice'),
        ended: forward('ended'),
        error: forward('error'),
      },
    }).then((created) => {
      // Unmounted while the story loaded: destroy the player that arrived too late.
      if (unmounted) created.destroy();
      else player = created;
    });
    return () => {
      unmounted = true;
      player?.destroy();
    };
  }, [story]);

  return <div ref={container} style={{ position: 'relative', aspectRatio: '16 / 9' }} />;
}
