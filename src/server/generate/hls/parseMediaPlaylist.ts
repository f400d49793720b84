/** What the publisher needs from an HLS media playlist. */
export interface MediaPlaylistInfo {
  init?: string;
  segments: { uri: string; duration: number }[];
  ended: boolean;
}

/**
 * Read the init segment, media segments (with EXTINF durations) and ENDLIST from a
 * media playlist's text.
 *
 * @example
 * parseMediaPlaylist('#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:1.0,\nseg0.m4s\n');
 * // { init: 'init.mp4', segments: [{ uri: 'seg0.m4s', duration: 1 }], ended: false }
 */
export function parseMediaPlaylist(text: string): MediaPlaylistInfo {
  const out: MediaPlaylistInfo = { segments: [], ended: false };
  let duration: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-MAP:')) out.init = /URI="([^"]+)"/.exec(line)?.[1];
    else if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line === '#EXT-X-ENDLIST') out.ended = true;
    else if (line && !line.startsWith('#') && duration !== undefined) {
      out.segments.push({ uri: line, duration });
      duration = undefined;
    }
  }
  return out;
}
