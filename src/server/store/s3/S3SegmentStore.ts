import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { contentTypeOf } from '../contentTypes.js';
import type { RenditionInfo, RenditionStore, StoredObject } from '../RenditionStore.js';
import { RENDITION_KEY } from '../renditionKey.js';
import type { S3Location } from './s3Location.js';
import { stagedFiles } from './stagedFiles.js';
import { callS3, DEFAULT_S3_TIMEOUT_MS } from './callS3.js';

/** Written last by `commit`: a rendition exists for readers exactly when this object does. */
const MARKER = '.rendition.json';

export interface S3SegmentStoreOptions {
  /**
   * Bound on each S3 call, retries included: past it the call fails with S3StoreTimeout (503
   * `store-unavailable` when a request was waiting on it). Default 15 000 ms.
   */
  timeoutMs?: number;
}

interface Staging {
  dir: string;
  /** Relative path → size:mtime of the version uploaded under the partial prefix. */
  uploaded: Map<string, string>;
}

/**
 * The segment store in an S3-compatible bucket (AWS S3, MinIO, …), for API and worker
 * processes on several machines:
 *
 *   <prefix><key>/…                finished renditions, visible once <key>/.rendition.json exists
 *   <prefix>.partial/<key>/…       renditions being rendered (files appear one by one)
 *
 * The generator writes into a local staging folder as usual; `publish` uploads each finished
 * file under the partial prefix (segments before the playlists that name them), `commit`
 * uploads the whole rendition under its final prefix and writes the marker last. A PUT is
 * atomic per object, so a reader never sees half a file, and never a finished rendition
 * without all its files. See docs/decisions/0009-s3-store.md.
 *
 * @example
 * const store = new S3SegmentStore(new S3Client({ endpoint, forcePathStyle: true }), { bucket: 'media', prefix: 'offshoot/' });
 */
export class S3SegmentStore implements RenditionStore {
  readonly location: string;
  private readonly staging = new Map<string, Staging>();
  /** Keys seen committed: immutable from then on, so no need to ask the bucket again. */
  private readonly committed = new Set<string>();

  private readonly timeoutMs: number;

  constructor(
    private readonly client: S3Client,
    private readonly where: S3Location,
    options: S3SegmentStoreOptions = {},
  ) {
    this.location = `s3://${where.bucket}/${where.prefix}`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_S3_TIMEOUT_MS;
  }

  async isComplete(key: string): Promise<boolean> {
    checkKey(key);
    if (this.committed.has(key)) return true;
    const marker = this.finalKey(key, MARKER);
    const found = await this.send('HeadObject', marker, (abortSignal) =>
      this.client.send(new HeadObjectCommand({ Bucket: this.where.bucket, Key: marker }), { abortSignal }),
    ).then(
      () => true,
      (error: unknown) => (isMissing(error) ? false : Promise.reject(error)),
    );
    if (found) this.remember(key);
    return found;
  }

  async beginRender(key: string): Promise<string> {
    checkKey(key);
    await this.dropStaging(key);
    await this.deletePrefix(this.partialKey(key, ''));
    const dir = await mkdtemp(join(tmpdir(), `offshoot-s3-${key.slice(0, 12)}-`));
    this.staging.set(key, { dir, uploaded: new Map() });
    return dir;
  }

  async publish(key: string): Promise<void> {
    const staging = this.stagingOf(key);
    await this.upload(staging, (path) => this.partialKey(key, path), true);
  }

  async describeRender(key: string, info: RenditionInfo): Promise<void> {
    await writeFile(join(this.stagingOf(key).dir, MARKER), JSON.stringify(info));
  }

  async commit(key: string): Promise<void> {
    const staging = this.stagingOf(key);
    if (!(await this.isComplete(key))) {
      await this.upload({ dir: staging.dir, uploaded: new Map() }, (path) => this.finalKey(key, path), false);
      const info = await readFile(join(staging.dir, MARKER)).catch(() => Buffer.from('{}'));
      await this.put(this.finalKey(key, MARKER), info, 'application/json');
      this.remember(key);
    }
    await this.abandon(key);
  }

  async describe(key: string): Promise<RenditionInfo | undefined> {
    if (!RENDITION_KEY.test(key)) return undefined;
    const object = await this.get(this.finalKey(key, MARKER), true);
    if (!object) return undefined;
    const text = await streamText(await object.read(0, object.size - 1));
    const info = JSON.parse(text) as Partial<RenditionInfo>;
    return typeof info.durationSeconds === 'number' ? { durationSeconds: info.durationSeconds } : undefined;
  }

  async abandon(key: string): Promise<void> {
    checkKey(key);
    await this.dropStaging(key);
    await this.deletePrefix(this.partialKey(key, ''));
  }

  /**
   * The finished rendition first (once its marker exists), then the partial prefix, then the
   * finished one again in case the render was committed between the two looks.
   */
  async open(key: string, segments: string[]): Promise<StoredObject | undefined> {
    if (!RENDITION_KEY.test(key)) return undefined;
    const path = segments.join('/');
    if (await this.isComplete(key)) return this.get(this.finalKey(key, path), true);
    const partial = await this.get(this.partialKey(key, path), false);
    if (partial) return partial;
    return (await this.isComplete(key)) ? this.get(this.finalKey(key, path), true) : undefined;
  }

  private finalKey(key: string, path: string): string {
    return `${this.where.prefix}${key}/${path}`;
  }

  private partialKey(key: string, path: string): string {
    return `${this.where.prefix}.partial/${key}/${path}`;
  }

  private stagingOf(key: string): Staging {
    const staging = this.staging.get(checkKey(key));
    if (!staging) throw new Error(`No render of ${key} was begun in this process`);
    return staging;
  }

  private async dropStaging(key: string): Promise<void> {
    const staging = this.staging.get(key);
    this.staging.delete(key);
    if (staging) await rm(staging.dir, { recursive: true, force: true });
  }

  private remember(key: string): void {
    if (this.committed.size >= 100_000) this.committed.clear();
    this.committed.add(key);
  }

  /**
   * Uploads the staged files that changed since the last upload, in stagedFiles' order with
   * master playlists last. Each file is read whole first: the generator renames files into
   * place, so the read is one complete version.
   */
  private async upload(staging: Staging, keyOf: (path: string) => string, onlyChanged: boolean): Promise<void> {
    const masters: Array<[string, Buffer]> = [];
    for (const path of await stagedFiles(staging.dir)) {
      const file = join(staging.dir, path);
      const info = await stat(file).catch(() => undefined);
      if (!info) continue;
      const version = `${info.size}:${info.mtimeMs}`;
      if (onlyChanged && staging.uploaded.get(path) === version) continue;
      const body = await readFile(file);
      if (path.endsWith('.m3u8') && /\.m3u8\s*$/m.test(body.toString('utf8'))) masters.push([path, body]);
      else await this.put(keyOf(path), body, contentTypeOf(path) as string);
      staging.uploaded.set(path, version);
    }
    for (const [path, body] of masters) await this.put(keyOf(path), body, contentTypeOf(path) as string);
  }

  private async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.send('PutObject', key, (abortSignal) =>
      this.client.send(
        new PutObjectCommand({ Bucket: this.where.bucket, Key: key, Body: body, ContentType: contentType }),
        { abortSignal },
      ),
    );
  }

  /** One S3 call on object (or prefix) `key`, bounded by the store's timeout. */
  private send<T>(operation: string, key: string, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return callS3(operation, `s3://${this.where.bucket}/${key}`, this.timeoutMs, run);
  }

  private async get(key: string, complete: boolean): Promise<StoredObject | undefined> {
    const bucket = this.where.bucket;
    let reply: GetObjectCommandOutput;
    try {
      reply = await this.send('GetObject', key, (abortSignal) =>
        this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal }),
      );
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
    const whole = reply.Body as Readable;
    const size = reply.ContentLength ?? 0;
    const etag = reply.ETag ?? '""';
    let used = false;
    return {
      size,
      etag,
      lastModified: reply.LastModified ?? new Date(0),
      complete,
      read: async (start, end) => {
        if (!used && start === 0 && end === size - 1) {
          used = true;
          return whole;
        }
        whole.destroy();
        // The same version only (If-Match): a part of another version would be half a file.
        const part = await this.send('GetObject (range)', key, (abortSignal) =>
          this.client.send(
            new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${end}`, IfMatch: etag }),
            { abortSignal },
          ),
        );
        return part.Body as Readable;
      },
      dispose: () => {
        if (!used) whole.destroy();
      },
    };
  }

  private async deletePrefix(prefix: string): Promise<void> {
    let token: string | undefined;
    do {
      const page = await this.send('ListObjectsV2', prefix, (abortSignal) =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: prefix, ContinuationToken: token }),
          { abortSignal },
        ),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length)
        await this.send('DeleteObjects', prefix, (abortSignal) =>
          this.client.send(new DeleteObjectsCommand({ Bucket: this.where.bucket, Delete: { Objects: keys } }), {
            abortSignal,
          }),
        );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

function checkKey(key: string): string {
  if (!RENDITION_KEY.test(key)) throw new Error(`Not a rendition key: ${JSON.stringify(key)}`);
  return key;
}

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

async function streamText(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
