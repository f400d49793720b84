// The same story through the <offshoot-player> custom element: React 19 renders custom
// elements and sets their attributes; events are added on the element in a ref (React
// removes the element, which destroys its player, on unmount).
import { useEffect, useRef } from 'react';
import 'offshoot/element';
import type { OffshootPlayerElement, PlayerEvents } from 'offshoot';
import './offshoot-jsx.js';

export interface OffshootElementProps {
  story: string;
  onEvent?: <K extends keyof PlayerEvents>(type: K, payload: PlayerEvents[K]) => void;
}

export function OffshootElement({ story, onEvent }: OffshootElementProps) {
  const element = useRef<OffshootPlayerElement>(null);
  const handler = useRef(onEvent);
  handler.current = onEvent;

  useEffect(() => {
    const el = element.current;
    if (!el) return;
    const onSegment = (e: CustomEvent<PlayerEvents['segmentstart']>) => handler.current?.('segmentstart', e.detail);
    const onChoice = (e: CustomEvent<PlayerEvents['choice']>) => handler.current?.('choice', e.detail);
    const onEnded = (e: CustomEvent<PlayerEvents['ended']>) => handler.current?.('ended', e.detail);
    const onError = (e: CustomEvent<PlayerEvents['error']>) => handler.current?.('error', e.detail);
    el.addEventListener('segmentstart', onSegment);
    el.addEventListener('choice', onChoice);
    el.addEventListener('ended', onEnded);
    el.addEventListener('error', onError);
    return () => {
      el.removeEventListener('segmentstart', onSegment);
      el.removeEventListener('choice', onChoice);
      el.removeEventListener('ended', onEnded);
      el.removeEventListener('error', onError);
    };
  }, []);

  return <offshoot-player ref={element} src={story} autoplay muted />;
}
