// ESM import from a bundler: createPlayer with typed options, events and errors.
import { createPlayer, PlayerError } from 'offshoot';
import type { Player, PlayerErrorCode, PlayerEvents, PlayerOptions } from 'offshoot';
import { log } from './log.js';

const options: PlayerOptions = {
  story: '/stories/night-walk.json',
  autoplay: true,
  muted: true,
  engine: { hlsConfig: { maxBufferHole: 0.5 } },
  on: {
    segmentstart: ({ segmentId }) => log('segmentstart', { segmentId }),
    choice: (payload: PlayerEvents['choice']) => log('choice', payload),
    error: ({ code, fatal }: { code: PlayerErrorCode; fatal: boolean }) => log('error', { code, fatal }),
  },
};
const stage = document.getElementById('stage');
if (!stage) throw new Error('no #stage');
const player: Player = await createPlayer(stage, options);
player.on('ended', ({ segmentId }) => {
  log('ended', { segmentId, stats: player.getStats().transitions });
  player.destroy();
  log('destroyed', { children: stage.childElementCount });
});
const failure = new PlayerError('story-invalid', 'typed');
log('typed', { code: failure.code });
