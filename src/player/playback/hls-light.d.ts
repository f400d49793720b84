// hls.js ships types for its full build only; the light build (no alt audio, subtitles,
// EME, CMCD, steering, interstitials: nothing the engine uses) has the same API, ~70 KB
// less gzipped.
declare module 'hls.js/light' {
  import Hls from 'hls.js';
  export default Hls;
  export * from 'hls.js';
}
