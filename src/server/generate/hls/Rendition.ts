/** One output size of a generated segment. */
export interface Rendition {
  /** Used in file names: `<name>.m3u8`, `<name>-init.mp4`, `<name>-00000.m4s`. */
  name: string;
  width: number;
  height: number;
  /** VBV cap in kbit/s; also the basis of BANDWIDTH while the rendition is still growing. */
  maxrateKbps: number;
  /**
   * H.264 level, fixed so every segment of a story carries the same parameter set
   * whatever the encoder would pick; omit to let the encoder choose.
   */
  level?: '3.0' | '3.1' | '4.0' | '4.1';
}

/** 640×360: the default, cheap enough to stay ahead of a viewer on a CPU host. */
export const RENDITION_360P: Rendition = { name: '360p', width: 640, height: 360, maxrateKbps: 1400, level: '3.0' };
/** 1280×720 option. */
export const RENDITION_720P: Rendition = { name: '720p', width: 1280, height: 720, maxrateKbps: 3500, level: '3.1' };

/** The fixed frame rate of everything the backend renders. */
export const FPS = 30;
