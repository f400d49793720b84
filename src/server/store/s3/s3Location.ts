/** A bucket and a key prefix ('' or ending in '/'). */
export interface S3Location {
  bucket: string;
  prefix: string;
}

/**
 * Reads `s3://bucket/prefix` (the prefix is optional). A bad value is an error naming it.
 *
 * @example
 * parseS3Url('s3://media/offshoot/store'); // { bucket: 'media', prefix: 'offshoot/store/' }
 */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!match) throw new Error(`Not an S3 store URL: ${JSON.stringify(url)} (expected s3://bucket/prefix)`);
  const bucket = match[1] as string;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new Error(`Not an S3 bucket name: ${JSON.stringify(bucket)} in ${url} (3–63 of a-z 0-9 . -)`);
  const parts = (match[2] ?? '').split('/').filter((p) => p !== '');
  for (const part of parts)
    if (part === '.' || part === '..' || part.startsWith('.'))
      throw new Error(`S3 store prefix parts must not start with a dot: ${JSON.stringify(part)} in ${url}`);
  return { bucket, prefix: parts.length ? `${parts.join('/')}/` : '' };
}
