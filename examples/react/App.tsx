// The example app: plays a story with the `createPlayer` component or the custom element
// (`?variant=element`), logs the player's events, and unmounts the player when the story
// ends (the consumer test checks that the unmount leaves nothing behind).
import { useCallback, useEffect, useState } from 'react';
import type { PlayerEvents } from 'offshoot';
import { OffshootStory } from './OffshootStory.js';
import { OffshootElement } from './OffshootElement.js';

export interface AppProps {
  story: string;
  variant: 'hook' | 'element';
  /** Called with each event; `unmounted` once the player is gone after the ending. */
  report: (entry: { type: keyof PlayerEvents | 'unmounted'; payload?: unknown }) => void;
}

export function App({ story, variant, report }: AppProps) {
  const [playing, setPlaying] = useState(true);
  const onEvent = useCallback(
    <K extends keyof PlayerEvents>(type: K, payload: PlayerEvents[K]) => {
      report({ type, payload });
      if (type === 'ended') setPlaying(false);
    },
    [report],
  );
  if (!playing) return <TheEnd report={report} />;
  return variant === 'element' ? (
    <OffshootElement story={story} onEvent={onEvent} />
  ) : (
    <OffshootStory story={story} onEvent={onEvent} />
  );
}

/** Shown after the ending; its effect runs once the player's component has been cleaned up. */
function TheEnd({ report }: Pick<AppProps, 'report'>) {
  useEffect(() => report({ type: 'unmounted' }), [report]);
  return <p>The end.</p>;
}
