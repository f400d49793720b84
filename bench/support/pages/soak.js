// Soak page: one player through a looping story, choosing as soon as each window opens
// (a seeded random visible option, never the way out until the last transition), with the
// video sped up by `?rate=`. Counts live WebGL textures by wrapping createTexture /
// deleteTexture before pixi loads: what pixi v8 holds on the GPU, without reaching into the
// player. `window.__soak.sample()` returns the page-side numbers; Node adds heap and DOM counters.
const params = new URLSearchParams(location.search);
const rate = Number(params.get('rate') ?? '4');
const target = Number(params.get('transitions') ?? '500');
let seed = Number(params.get('seed') ?? '1');
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

let liveTextures = 0;
for (const Gl of [WebGLRenderingContext, WebGL2RenderingContext]) {
  const create = Gl.prototype.createTexture;
  const remove = Gl.prototype.deleteTexture;
  Gl.prototype.createTexture = function createTexture() {
    liveTextures++;
    return create.call(this);
  };
  Gl.prototype.deleteTexture = function deleteTexture(texture) {
    if (texture) liveTextures--;
    return remove.call(this, texture);
  };
}

const { createPlayer } = await import(params.get('bundle') ?? '/dist/offshoot.bundle.mjs');
const stage = document.getElementById('stage');
const state = { transitions: 0, ended: false, errors: [], defaults: 0 };
let video = null;
const player = await createPlayer(stage, {
  story: '/bench/story.json',
  autoplay: true,
  muted: true,
  on: {
    error: (e) => state.errors.push(`${e.code}: ${e.message}`),
    segmentstart: () => {
      video ??= stage.querySelector('video');
      if (video) video.playbackRate = rate;
    },
    choicestart: (e) => {
      const ids = e.options.map((o) => o.id).filter((id) => id !== 'end');
      const last = state.transitions >= target - 1;
      player.choose(last ? 'end' : ids[Math.floor(random() * ids.length)]);
    },
    choice: (e) => {
      if (e.byDefault) state.defaults++;
      state.transitions++;
    },
    ended: () => (state.ended = true),
  },
});

window.__soak = {
  state,
  sample() {
    const v = stage.querySelector('video');
    let bufferedSeconds = 0;
    const ranges = v ? v.buffered.length : 0;
    for (let i = 0; i < ranges; i++) bufferedSeconds += v.buffered.end(i) - v.buffered.start(i);
    const stats = player.getStats();
    return {
      transitions: state.transitions,
      liveTextures,
      ranges,
      bufferedSeconds,
      domElements: document.getElementsByTagName('*').length,
      held: stats.playback?.held ?? null,
      stalls: stats.stalls,
      failedSegments: stats.failedSegments.length,
    };
  },
};
window.__soakReady = true;
