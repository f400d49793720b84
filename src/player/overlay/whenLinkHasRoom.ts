/** How often the link is asked again while it has no room, ms. */
const POLL_MS = 250;

/**
 * Call `callback` once, as soon as `hasRoom(bytes)` says a download of `bytes` would not make
 * the video wait (at once when it already has room); asked again every POLL_MS meanwhile.
 * Returns a function that stops waiting.
 *
 * The overlay uses it to hold its renderer download (pixi, ~525 KB as served uncompressed)
 * off a link the media nearly fills until the media ahead covers it (ADR 0011, "The overlay
 * waits for the link"); anything that must be drawn sooner starts the renderer regardless.
 *
 * @example
 * const stop = whenLinkHasRoom((bytes) => engine.hasRoomFor(bytes), RENDERER_BYTES, () => startRenderer());
 */
export function whenLinkHasRoom(hasRoom: (bytes: number) => boolean, bytes: number, callback: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const check = (): void => {
    timer = null;
    if (hasRoom(bytes)) callback();
    else timer = setTimeout(check, POLL_MS);
  };
  check();
  return () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}
