import { readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { estimatedPeakBandwidth } from './encoderArgs.js';
import type { VariantEntry } from './masterPlaylist.js';
import { masterPlaylist } from './masterPlaylist.js';
import { parseMediaPlaylist } from './parseMediaPlaylist.js';
import { readAacCodec } from './readAacCodec.js';
import { readAvcCodec } from './readAvcCodec.js';
import type { Rendition } from './Rendition.js';
import { writeFileAtomic } from './writeFileAtomic.js';

export interface HlsPublisherOptions {
  /** Public folder: what the store serves. */
  outDir: string;
  /** Where ffmpeg writes; same filesystem as outDir so renames are atomic. */
  stagingDir: string;
  renditions: readonly Rendition[];
  segmentSeconds: number;
  onSegment(readySeconds: number): void;
}

export interface HlsPublisher {
  /** Move every segment ffmpeg has finished into outDir and republish the playlists. */
  sync(): Promise<void>;
  /** Last sync after ffmpeg exited: final master playlist with measured BANDWIDTH. */
  finish(): Promise<{ readySeconds: number }>;
  /** Resolves when no sync is in flight (before cleaning up after an abort). */
  settled(): Promise<void>;
}

/**
 * Publishes ffmpeg's HLS output progressively and atomically: ffmpeg writes into a
 * staging folder; a segment counts as done once ffmpeg's (atomically renamed) playlist
 * lists it. Then it is renamed into outDir, the public media playlist is rewritten
 * (write-then-rename), the master playlist is written once the init segment's codec is
 * known, and `onSegment` reports the playable head. Syncs are serialised.
 *
 * @example
 * const pub = createHlsPublisher({ outDir, stagingDir, renditions: [RENDITION_360P], segmentSeconds: 1, onSegment });
 * const timer = setInterval(() => void pub.sync(), 50);
 */
export function createHlsPublisher(options: HlsPublisherOptions): HlsPublisher {
  const { outDir, stagingDir, renditions, segmentSeconds } = options;
  const state = renditions.map((r) => ({
    r,
    moved: new Set<string>(),
    codec: '',
    ready: 0,
    sizes: [] as { bits: number; duration: number }[],
  }));
  let masterWritten = false;
  let reported = 0;
  let chain: Promise<unknown> = Promise.resolve();

  const syncOne = async (s: (typeof state)[number]) => {
    let text: string;
    try {
      text = await readFile(join(stagingDir, `${s.r.name}.m3u8`), 'utf8');
    } catch {
      return; // Not written yet.
    }
    const info = parseMediaPlaylist(text);
    if (info.segments.length === 0) return;
    if (info.init && !s.moved.has(info.init)) {
      await rename(join(stagingDir, info.init), join(outDir, info.init));
      s.moved.add(info.init);
      const init = join(outDir, info.init);
      // Both tracks' codecs, as hls.js needs them to create both SourceBuffers up front.
      s.codec = [await readAvcCodec(init), await readAacCodec(init)].filter(Boolean).join(',');
    }
    let ready = 0;
    for (const seg of info.segments) {
      if (!s.moved.has(seg.uri)) {
        await rename(join(stagingDir, seg.uri), join(outDir, seg.uri));
        s.moved.add(seg.uri);
        s.sizes.push({ bits: (await stat(join(outDir, seg.uri))).size * 8, duration: seg.duration });
      }
      ready += seg.duration;
    }
    if (ready > s.ready) {
      await writeFileAtomic(join(outDir, `${s.r.name}.m3u8`), text);
      s.ready = ready;
    }
  };

  const variants = (final: boolean): VariantEntry[] =>
    state.map((s) => {
      const peak = Math.max(...s.sizes.map((x) => x.bits / Math.max(0.001, x.duration)));
      const total = s.sizes.reduce((a, x) => a + x.bits, 0);
      const secs = s.sizes.reduce((a, x) => a + x.duration, 0);
      return final
        ? { rendition: s.r, codec: s.codec, bandwidth: peak, averageBandwidth: total / Math.max(0.001, secs) }
        : { rendition: s.r, codec: s.codec, bandwidth: Math.max(peak, estimatedPeakBandwidth(s.r, segmentSeconds)) };
    });

  const sync = async (final: boolean) => {
    for (const s of state) await syncOne(s);
    const ready = Math.min(...state.map((s) => s.ready));
    if (ready <= 0) return;
    if (!masterWritten || final) {
      await writeFileAtomic(join(outDir, 'index.m3u8'), masterPlaylist(variants(final)));
      masterWritten = true;
    }
    if (ready > reported) {
      reported = ready;
      options.onSegment(Number(ready.toFixed(3)));
    }
  };

  const queue = (final: boolean) => {
    const next = chain.then(() => sync(final));
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    sync: () => queue(false),
    async finish() {
      await queue(true);
      await rm(stagingDir, { recursive: true, force: true });
      return { readySeconds: reported };
    },
    settled: () => chain.then(() => undefined),
  };
}
