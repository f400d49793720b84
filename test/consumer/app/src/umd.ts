// The UMD bundle loaded by a <script> tag (umd.html): its global `Offshoot` is typed by
// `offshoot/global`. Nothing is imported from the package at run time.
/// <reference types="offshoot/global" />
import { log } from './log.js';

const stage = document.getElementById('stage')!;
const player = await Offshoot.createPlayer(stage, {
  story: '/stories/night-walk.json',
  autoplay: true,
  muted: true,
  on: {
    segmentstart: ({ segmentId }) => log('segmentstart', { segmentId }),
    choice: (payload) => log('choice', payload),
    error: ({ code, fatal }) => log('error', { code, fatal }),
  },
});
player.on('ended', ({ segmentId }) => {
  log('ended', { segmentId, element: customElements.get('offshoot-player') !== undefined });
  player.destroy();
  log('destroyed', { children: stage.childElementCount });
});
