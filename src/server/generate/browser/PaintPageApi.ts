import type { Scene } from '../procedural/scene/Scene.js';

/**
 * The contract between Node and the paint page (`paintPage.ts`, bundled to
 * dist/node/paint-page.js): plain JSON both ways, because everything crosses the
 * DevTools protocol. Binary data travels as base64.
 */
export interface PaintPageApi {
  /** What this browser can do: the WebGL renderer string and whether an H.264 encoder is hardware. */
  probe(): Promise<BrowserCapabilities>;
  /** Start painting and encoding `request.count` frames; resolves once the encoders are configured. */
  start(request: StartRequest): Promise<StartReply>;
  /** Wait for encoded data; returns everything encoded since the last call (one entry per rendition). */
  take(): Promise<TakeReply>;
  /**
   * Paint `count` frames at `width`×`height` and POST each one's RGBA bytes to `${url}${i}`
   * (the readback variant; see createFrameSink). Resolves when all are sent.
   */
  sendFrames(request: {
    scene: Scene;
    width: number;
    height: number;
    count: number;
    fps: number;
    url: string;
  }): Promise<void>;
  /** Stop painting and close the encoders (abort). */
  stop(): void;
  /** Paint one frame of `scene` at `t` and return its RGBA pixels (base64): tests and the readback path. */
  pixels(scene: Scene, width: number, height: number, t: number): string;
  /** SHA-256 (hex) of the RGBA pixels of one painted frame: cheap determinism checks. */
  hash(scene: Scene, width: number, height: number, t: number): Promise<string>;
}

export interface BrowserCapabilities {
  /** WEBGL_debug_renderer_info's UNMASKED_RENDERER_WEBGL, or '' when WebGL is unavailable. */
  renderer: string;
  /** VideoEncoder.isConfigSupported said yes to avc1 with hardwareAcceleration 'prefer-hardware'. */
  hardwareH264: boolean;
  /** Any avc1 VideoEncoder at all (software counts). */
  webCodecsH264: boolean;
}

export interface PageRendition {
  width: number;
  height: number;
  /** Target bit rate in bit/s. */
  bitrate: number;
  /** H.264 level as in Rendition.level ('3.0', '3.1', ...), used in the avc1 codec string. */
  level?: string;
}

export interface StartRequest {
  scene: Scene;
  /** Largest first: it is painted, the others are scaled from it with drawImage. */
  renditions: PageRendition[];
  count: number;
  fps: number;
  /** Frames per segment: every frame with index % gop === 0 is a keyframe. */
  gop: number;
  hardware: boolean;
}

export interface StartReply {
  /** The avc1 codec string each encoder was configured with. */
  codecs: string[];
}

export interface TakeReply {
  /** Frames all renditions have encoded so far. */
  frames: number;
  /** Annex B bytes per rendition since the last take (base64, possibly empty). */
  chunks: string[];
  /** Every frame is encoded and has been handed out. */
  done: boolean;
}

/** Where the page script installs its API. */
export const PAINT_PAGE_GLOBAL = 'offshootPaintPage';
