// The custom element, registered by the explicit entry `offshoot/element`.
import 'offshoot/element';
import type { OffshootPlayerElement } from 'offshoot';
import { log } from './log.js';

const el: OffshootPlayerElement = document.createElement('offshoot-player');
el.addEventListener('segmentstart', (e) => log('segmentstart', { segmentId: e.detail.segmentId }));
el.addEventListener('choice', (e) => log('choice', e.detail));
el.addEventListener('error', (e) => log('error', { code: e.detail.code, fatal: e.detail.fatal }));
el.addEventListener('ended', (e) => {
  log('ended', { segmentId: e.detail.segmentId });
  el.remove();
  log('destroyed', { player: el.player === null });
});
el.setAttribute('src', '/stories/night-walk.json');
el.toggleAttribute('autoplay', true);
el.toggleAttribute('muted', true);
el.style.width = '640px';
document.body.append(el);
