import { Sprite, Texture, VideoSource } from 'pixi.js';
import type { Container } from 'pixi.js';
import { letterbox } from './layout.js';

/**
 * Draws the `<video>` as a pixi texture, letterboxed into the stage.
 *
 * The texture is created only after `loadeddata`, with `autoLoad`/`autoPlay` false:
 * pixi's defaults call `video.load()`/`play()`, which would tear down hls.js's
 * MediaSource. The playback engine stays the only owner of the element's playback.
 *
 * @example
 * const layer = new VideoLayer(app.stage, () => layout());
 * layer.attach(video);
 * layer.layout(app.screen.width, app.screen.height);
 */
export class VideoLayer {
  private video: HTMLVideoElement | null = null;
  private sprite: Sprite | null = null;
  private source: VideoSource | null = null;
  private size = { width: 0, height: 0 };

  constructor(
    private readonly parent: Container,
    private readonly onReady: () => void,
  ) {}

  attach(video: HTMLVideoElement): void {
    this.detach();
    this.video = video;
    video.addEventListener('loadeddata', this.onLoadedData);
    video.addEventListener('resize', this.onResize);
    if (video.readyState >= 2) this.onLoadedData();
  }

  /** True once frames of the video are drawn on the canvas. */
  get drawing(): boolean {
    return this.sprite !== null;
  }

  layout(width: number, height: number): void {
    this.size = { width, height };
    const video = this.video;
    if (!this.sprite || !video) return;
    const box = letterbox(video.videoWidth, video.videoHeight, width, height);
    this.sprite.position.set(box.x, box.y);
    this.sprite.setSize(box.width, box.height);
  }

  /**
   * Release the texture. Call after the playback engine has destroyed hls.js:
   * pixi's VideoSource.destroy() clears the element's src.
   */
  detach(): void {
    const video = this.video;
    if (video) {
      video.removeEventListener('loadeddata', this.onLoadedData);
      video.removeEventListener('resize', this.onResize);
    }
    this.sprite?.destroy();
    this.sprite = null;
    this.source?.destroy();
    this.source = null;
    this.video = null;
  }

  private readonly onLoadedData = (): void => {
    const video = this.video;
    if (!video || this.source || !video.videoWidth) return;
    const source = new VideoSource({ resource: video, autoLoad: false, autoPlay: false });
    this.source = source;
    this.sprite = new Sprite(new Texture({ source }));
    this.parent.addChildAt(this.sprite, 0);
    // With metadata already known, load() only wires play/pause/seeked to frame
    // updates (requestVideoFrameCallback); it does not call video.load().
    // load() awaits before it reads the element again: a player destroyed in between
    // (a viewer pressing "Start over" as the first frame arrives) leaves pixi reading a
    // null resource, and that rejection must not escape as an unhandled page error.
    // A load failure of a live source needs nothing here either: the playback engine
    // owns the element and reports its media errors.
    source.load().then(
      () => {
        if (this.source !== source) return;
        this.layout(this.size.width, this.size.height);
        this.onReady();
      },
      () => undefined,
    );
    this.layout(this.size.width, this.size.height);
  };

  /** A spliced segment may change the picture size: resize the texture and refit. */
  private readonly onResize = (): void => {
    const video = this.video;
    if (!video || !this.source || !video.videoWidth) return;
    this.source.resize(video.videoWidth, video.videoHeight);
    this.layout(this.size.width, this.size.height);
  };
}
