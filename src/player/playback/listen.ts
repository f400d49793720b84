/**
 * addEventListener that returns its own undo, so `destroy()` can remove everything it added.
 *
 * @example
 * const off = listen(video, 'waiting', onWaiting); off();
 */
export function listen(target: EventTarget, type: string, handler: (event: Event) => void): () => void {
  target.addEventListener(type, handler);
  return () => target.removeEventListener(type, handler);
}
