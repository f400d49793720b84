import { execFile } from 'node:child_process';

/**
 * Whether a media file has an audio stream (ffprobe), so a re-packaged model clip keeps its
 * own sound and one without any gets silence instead of failing the `[0:a]` mapping.
 *
 * @example
 * await hasAudioStream('/tmp/model.mp4', signal); // false for a video-only MP4
 */
export function hasAudioStream(path: string, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    execFile(
      'ffprobe',
      ['-v', 'error', '-select_streams', 'a', '-show_entries', 'stream=index', '-of', 'csv=p=0', path],
      { timeout: 30_000, ...(signal ? { signal } : {}) },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(
              `hasAudioStream: ffprobe could not read ${path}: ${String(stderr).trim().split('\n').pop() || err.message}`,
            ),
          );
        else resolve(String(stdout).trim().length > 0);
      },
    );
  });
}
