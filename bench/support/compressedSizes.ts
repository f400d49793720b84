import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export interface Sizes {
  raw: number;
  min: number;
  gzip: number;
  brotli: number;
}

/**
 * Byte sizes of `code` as shipped: raw, minified (`min`, given), gzip level 9 and brotli
 * quality 11 of the minified text.
 *
 * @example
 * compressedSizes(source, minified).gzip;
 */
export function compressedSizes(raw: string, min: string): Sizes {
  const bytes = Buffer.from(min);
  return {
    raw: Buffer.byteLength(raw),
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}
