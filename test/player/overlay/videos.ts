/**
 * A muted <video> playing a live canvas stream in `container` (it plays but never has
 * seconds buffered ahead); `presented(n)` waits for n presented frames.
 *
 * @example
 * const live = await playingVideo(container);
 * await live.presented(20);
 * live.stop();
 */
export async function playingVideo(
  container: HTMLElement,
): Promise<{ video: HTMLVideoElement; presented(n: number): Promise<void>; stop(): void }> {
  const source = document.createElement('canvas');
  source.width = 64;
  source.height = 36;
  const ctx = source.getContext('2d')!;
  let hue = 0;
  const paint = setInterval(() => {
    ctx.fillStyle = `hsl(${(hue += 10)}, 80%, 50%)`;
    ctx.fillRect(0, 0, 64, 36);
  }, 20);
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = source.captureStream(30);
  container.appendChild(video);
  await video.play();
  const presented = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await new Promise<void>((r) => video.requestVideoFrameCallback(() => r()));
  };
  return {
    video,
    presented,
    stop() {
      clearInterval(paint);
      video.srcObject = null;
      video.remove();
    },
  };
}

/**
 * A muted <video> of `ms` of `source`'s stream, recorded to a WebM blob (so all of it is
 * buffered), in `container`.
 *
 * @example
 * const recorded = await recordedVideo(container, live.video, 3500);
 */
export async function recordedVideo(
  container: HTMLElement,
  source: HTMLVideoElement,
  ms: number,
): Promise<HTMLVideoElement> {
  const recorder = new MediaRecorder(source.srcObject as MediaStream, { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  const stopped = new Promise<void>((r) => (recorder.onstop = () => r()));
  recorder.start();
  await new Promise((r) => setTimeout(r, ms));
  recorder.stop();
  await stopped;
  const video = document.createElement('video');
  video.muted = true;
  video.src = URL.createObjectURL(new Blob(chunks, { type: 'video/webm' }));
  container.appendChild(video);
  return video;
}
