// m3u8-parser ships no types: the subset of its manifest this engine reads.
declare module 'm3u8-parser' {
  export interface ParsedSegment {
    uri: string;
    duration: number;
    map?: { uri: string; byterange?: { length: number; offset: number }; key?: ParsedKey };
    /** The EXT-X-KEY in force (absent when clear or after METHOD=NONE; Widevine/FairPlay/PlayReady tags are not here). */
    key?: ParsedKey;
    byterange?: { length: number; offset: number };
    discontinuity?: boolean;
    gap?: boolean;
  }
  export interface ParsedKey {
    method: string;
    uri: string;
    /** The IV attribute as four big-endian 32-bit words. */
    iv?: Uint32Array;
  }
  export interface ParsedVariant {
    uri: string;
    attributes: { BANDWIDTH?: number; CODECS?: string; [key: string]: unknown };
  }
  export interface ParsedManifest {
    segments: ParsedSegment[];
    playlists?: ParsedVariant[];
    endList?: boolean;
    playlistType?: string;
    targetDuration?: number;
    mediaSequence?: number;
    discontinuitySequence?: number;
    /** EXT-X-MEDIA renditions: type → GROUP-ID → NAME → rendition. */
    /** Not m3u8-parser's: the EME EXT-X-KEY lines, verbatim (parsePlaylist adds them, decrypt/drmKeyTags). */
    drmKeyTags?: string[];
    mediaGroups?: Record<string, Record<string, Record<string, { uri?: string; default?: boolean }>>>;
  }
  /** One line at a time to tag events (what Parser uses inside). */
  export class ParseStream {
    on(
      event: 'data',
      listener: (event: { type: string; tagType?: string; attributes?: Record<string, unknown> }) => void,
    ): void;
    push(line: string): void;
  }
  export class Parser {
    manifest: ParsedManifest;
    push(chunk: string): void;
    end(): void;
  }
}
