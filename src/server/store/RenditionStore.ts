import type { Readable } from 'node:stream';

/** What the store knows about a finished rendition. */
export interface RenditionInfo {
  durationSeconds: number;
}

/**
 * One stored file, opened for sending: its validators, and its bytes on demand. Call
 * `dispose` when the bytes are not wanted after all (HEAD, 304, 416), so a held connection or
 * descriptor is released.
 */
export interface StoredObject {
  size: number;
  /** Strong validator, quoted as HTTP sends it. */
  etag: string;
  lastModified: Date;
  /** True when the rendition was committed: nothing in it will ever change. */
  complete: boolean;
  /** Bytes `start`…`end` inclusive. */
  read(start: number, end: number): Promise<Readable>;
  dispose(): void;
}

/**
 * Where renditions live, whatever holds them: the local folder (SegmentStore, the default) or
 * an S3-compatible bucket (S3SegmentStore). The contract every store keeps: a reader sees
 * either a committed rendition or the finished head of one being rendered, never half a file,
 * and a committed rendition never changes.
 *
 * A render goes: `beginRender` (a local folder for the generator) → `publish` after each
 * finished segment (readers may now see it) → `describeRender` → `commit`; or `abandon`.
 *
 * @example
 * const dir = await store.beginRender(key);   // generator writes here
 * await store.publish(key);                    // after each segment
 * await store.describeRender(key, { durationSeconds: 8 });
 * await store.commit(key);                     // now served as immutable
 */
export interface RenditionStore {
  /** Where it is, for logs ("/srv/store", "s3://bucket/prefix"). */
  readonly location: string;
  /** True once the rendition was committed. */
  isComplete(key: string): Promise<boolean>;
  /** A fresh, empty local folder the generator writes `key` into. */
  beginRender(key: string): Promise<string>;
  /** Makes the finished files of a growing render visible to readers. */
  publish(key: string): Promise<void>;
  /** Records what a finished rendition is, before `commit`. */
  describeRender(key: string, info: RenditionInfo): Promise<void>;
  /** Publishes a finished render. A rendition committed meanwhile by someone else wins. */
  commit(key: string): Promise<void>;
  /** What a committed rendition is, or undefined when the store does not have it. */
  describe(key: string): Promise<RenditionInfo | undefined>;
  /** Drops a cancelled or failed render's partial output. */
  abandon(key: string): Promise<void>;
  /** A file of rendition `key` (`segments` already checked by safeRelativePath), or undefined. */
  open(key: string, segments: string[]): Promise<StoredObject | undefined>;
}
