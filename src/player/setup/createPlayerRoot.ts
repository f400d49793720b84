/**
 * The player's own element inside the embedder's container: a positioned, black box
 * holding the `<video>` (which must stay in the DOM for MSE) under the overlay.
 *
 * @example
 * const { root, video } = createPlayerRoot(container, { muted: true });
 */
export function createPlayerRoot(
  container: HTMLElement,
  options: { muted?: boolean } = {},
): { root: HTMLDivElement; video: HTMLVideoElement } {
  const doc = container.ownerDocument;
  const root = doc.createElement('div');
  root.className = 'osp-root';
  root.dataset.offshootPlayer = '';
  Object.assign(root.style, {
    position: 'relative',
    width: '100%',
    height: '100%',
    minHeight: '120px',
    background: '#000',
    overflow: 'hidden',
    aspectRatio: container.clientHeight ? '' : '16 / 9',
  });
  const video = doc.createElement('video');
  video.playsInline = true;
  video.muted = options.muted === true;
  video.preload = 'auto';
  video.setAttribute('aria-hidden', 'true');
  video.tabIndex = -1;
  // Shown by the browser itself, under the overlay's transparent canvas, which draws only the
  // overlays (docs/decisions/0006-native-video-overlay.md).
  Object.assign(video.style, { position: 'absolute', inset: '0', width: '100%', height: '100%', objectFit: 'contain' });
  root.appendChild(video);
  container.appendChild(root);
  return { root, video };
}
