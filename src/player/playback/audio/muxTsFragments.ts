import { tsStructureProblem } from '../../../core/media/tsStructureProblem.js';
import { PlaybackError } from '../PlaybackError.js';
import { concat } from './muxInitSections.js';
import { packedAudioToTs, readPackedAudio } from './packedAudioToTs.js';
import { addPmtStream, AUDIO_STREAM_TYPES, freePid, packetPid, readTsProgram, TS_PACKET } from './tsPsi.js';
import type { TsStream } from './tsPsi.js';

/** AAC in ADTS, the stream_type packed AAC gets in the PMT. */
const ADTS_AAC = 0x0f;

/**
 * One muxed MPEG-TS fragment from a video-only TS fragment and the audio fragments that go
 * with it (MPEG-TS or packed AAC, an `EXT-X-MEDIA TYPE=AUDIO` rendition): the audio's
 * elementary stream packets moved to a PID the video does not use, their continuity counters
 * renumbered, and appended after the video's packets; the video's PMT gains the audio stream
 * (its section length and CRC32 rewritten). Packed AAC becomes PES packets timed by its ID3
 * timestamp first. Timestamps are left as the packager wrote them: a rendition shares its
 * variant's clock (HLS requires it), so hls.js's transmuxer sees one muxed stream and
 * TsTimeline moves audio and video together (ADR 0012).
 *
 * @example
 * const bytes = muxTsFragments(videoFragment, [{ bytes: audio, url: audioUrl }], videoUrl);
 */
export function muxTsFragments(
  video: ArrayBuffer,
  audio: Array<{ bytes: ArrayBuffer; url: string }>,
  videoUrl: string,
): ArrayBuffer {
  const out = new Uint8Array(video).slice(); // the PMT edit must not touch the fetched copy
  const program = readTsProgram(out);
  if (!program) throw incompatible(videoUrl, 'no PAT/PMT in the video fragment');
  if (program.streams.some((s) => AUDIO_STREAM_TYPES.has(s.type)))
    throw incompatible(
      videoUrl,
      'the variant carries its own audio stream and names a separate audio rendition as well; list one or the other',
    );
  const read = audio.map((a) => readAudio(new Uint8Array(a.bytes), a.url));
  const stream = read[0]?.stream ?? { type: ADTS_AAC, pid: 0x101, descriptors: new Uint8Array() };
  const pid = freePid(program, stream.pid);
  if (!addPmtStream(out, program.pmtPid, { ...stream, pid }))
    throw incompatible(videoUrl, 'its PMT has no room for an audio stream in one packet');
  const parts: Uint8Array[] = [out];
  let counter = 0;
  for (const { packets, stream: own } of read) {
    const moved = packets.slice();
    for (let at = 0; at < moved.length; at += TS_PACKET) {
      moved[at + 1] = (moved[at + 1]! & 0xe0) | (pid >> 8);
      moved[at + 2] = pid & 0xff;
      if (moved[at + 3]! & 0x10) moved[at + 3] = (moved[at + 3]! & 0xf0) | (counter++ & 0x0f);
    }
    if (own.type !== stream.type)
      throw incompatible(
        videoUrl,
        'its audio fragments change codec from one to the next; package one codec per rendition',
      );
    parts.push(moved);
  }
  return concat(parts).buffer as ArrayBuffer;
}

/** An audio fragment's elementary stream: its PMT entry and its packets (original PID). */
function readAudio(bytes: Uint8Array, url: string): { stream: TsStream; packets: Uint8Array } {
  if (bytes[0] === 0x47 && !tsStructureProblem(bytes)) {
    const stream = readTsProgram(bytes)?.streams.find((s) => AUDIO_STREAM_TYPES.has(s.type));
    if (!stream) throw incompatible(url, 'no audio stream (AAC, MP3, AC-3 or E-AC-3) in its PMT');
    const kept: Uint8Array[] = [];
    for (let at = 0; at + TS_PACKET <= bytes.length; at += TS_PACKET)
      if (packetPid(bytes, at) === stream.pid) kept.push(bytes.subarray(at, at + TS_PACKET));
    return { stream, packets: concat(kept) };
  }
  const stream = { type: ADTS_AAC, pid: 0x101, descriptors: new Uint8Array() };
  return { stream, packets: packedAudioToTs(readPackedAudio(bytes, url), stream.pid) };
}

function incompatible(url: string, what: string): PlaybackError {
  return new PlaybackError('media-incompatible', `${url}: cannot mux the separate audio rendition (${what})`);
}
