import { fetchWithRetry } from '../fetchWithRetry.js';
import type { RetryPolicy } from '../fetchWithRetry.js';

/** Subtitle downloads: playlists and WebVTT text, and the first bytes of a video fragment. */
export interface SubtitleIO {
  text(url: string, signal: AbortSignal): Promise<string>;
  /** The first `bytes` of `url` (a Range read; a server that ignores Range sends it all). */
  head(url: string, bytes: number, signal: AbortSignal): Promise<Uint8Array>;
  /** A whole body (an AES-128 fragment or key: decrypted only whole), failing with `code`. */
  body(url: string, code: 'fragment-load-failed' | 'key-load-failed', signal: AbortSignal): Promise<ArrayBuffer>;
}

/** Short: subtitles never hold the picture, and a growing playlist is re-read anyway. */
const RETRY: RetryPolicy = { retries: 2, delayMs: 200, maxDelayMs: 2000, timeoutMs: 5000 };

/**
 * The network side of subtitles, with the engine's retry rules for text.
 *
 * @example
 * const vtt = await subtitleIO.text('https://cdn/s/intro/subs/en0.vtt', signal);
 */
export const subtitleIO: SubtitleIO = {
  text: (url, signal) => fetchWithRetry(url, 'text', 'playlist-load-failed', RETRY, signal) as Promise<string>,
  async head(url, bytes, signal) {
    const response = await fetch(url, { headers: { Range: `bytes=0-${bytes - 1}` }, signal });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  },
  body: (url, code, signal) => fetchWithRetry(url, 'arrayBuffer', code, RETRY, signal) as Promise<ArrayBuffer>,
};
