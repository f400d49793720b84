// CENC ('cenc' scheme, AES-128-CTR) for the ClearKey test media: Debian's ffmpeg 5.1 writes
// the sample encryption boxes of fragmented cenc MP4 into the moov instead of each moof, and
// no packager (shaka-packager, Bento4, MP4Box) is packaged in Debian, so the test media is
// encrypted here, box by box, from a clear fMP4 HLS encode (ISO/IEC 23001-7):
// - init section: each sample entry avc1/mp4a becomes encv/enca with a sinf (frma, schm
//   'cenc', tenc: protected, 8-byte IVs, the KID), and the moov gets a common-system pssh;
// - fragments: each sample encrypted in place (video: NAL length + header bytes clear, the
//   rest encrypted; audio: whole samples), and each traf gets senc (IVs, subsamples), saiz
//   and saio; trun data offsets move by what the moof grew.
// Test tooling only: the player never encrypts.
import { createCipheriv } from 'node:crypto';

type Box = { type: string; start: number; size: number; header: number };

function boxes(data: Buffer, start: number, end: number): Box[] {
  const out: Box[] = [];
  for (let at = start; at + 8 <= end;) {
    const size = data.readUInt32BE(at);
    out.push({ type: data.toString('latin1', at + 4, at + 8), start: at, size, header: 8 });
    if (size < 8) throw new Error(`cencEncrypt: bad box size ${size} at ${at}`);
    at += size;
  }
  return out;
}
const child = (data: Buffer, box: Box, type: string, skip = 0) =>
  boxes(data, box.start + box.header + skip, box.start + box.size).find((b) => b.type === type);
function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, body]);
}
const full = (type: string, version: number, flags: number, ...parts: Buffer[]) => {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE((version << 24) | flags);
  return box(type, vf, ...parts);
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};

/** Replace the box at `path` (outermost first) with `make(old)` and fix every enclosing size. */
function rewrite(data: Buffer, path: Box[], replacement: Buffer): Buffer {
  const target = path.at(-1)!;
  const grow = replacement.length - target.size;
  const out = Buffer.concat([data.subarray(0, target.start), replacement, data.subarray(target.start + target.size)]);
  for (const outer of path.slice(0, -1)) out.writeUInt32BE(outer.size + grow, outer.start);
  return out;
}

const COMMON_SYSTEM = Buffer.from('1077efecc0b24d02ace33c1e52e2fb4b', 'hex');

/** The init section, protected: encv/enca sample entries with sinf, a pssh in the moov. */
export function protectInit(init: Buffer, kid: Buffer, entries: string[] = ['avc1', 'mp4a']): Buffer {
  let data = init;
  for (const original of entries) {
    const moov = boxes(data, 0, data.length).find((b) => b.type === 'moov')!;
    for (const trak of boxes(data, moov.start + 8, moov.start + moov.size).filter((b) => b.type === 'trak')) {
      const mdia = child(data, trak, 'mdia')!;
      const minf = child(data, mdia, 'minf')!;
      const stbl = child(data, minf, 'stbl')!;
      const stsd = child(data, stbl, 'stsd')!;
      const entry = child(data, stsd, original, 8);
      if (!entry) continue;
      const tenc = full('tenc', 0, 0, Buffer.from([0, 0, 1, 8]), kid);
      const sinf = box(
        'sinf',
        box('frma', Buffer.from(original, 'latin1')),
        full('schm', 0, 0, Buffer.from('cenc', 'latin1'), u32(0x10000)),
        box('schi', tenc),
      );
      const renamed = Buffer.concat([data.subarray(entry.start, entry.start + entry.size), sinf]);
      renamed.writeUInt32BE(renamed.length);
      renamed.write(original === 'avc1' ? 'encv' : 'enca', 4, 'latin1');
      data = rewrite(data, [moov, trak, mdia, minf, stbl, stsd, entry], renamed);
      break;
    }
  }
  const moov = boxes(data, 0, data.length).find((b) => b.type === 'moov')!;
  const pssh = full('pssh', 1, 0, COMMON_SYSTEM, u32(1), kid, u32(0));
  const out = Buffer.concat([data.subarray(0, moov.start + moov.size), pssh, data.subarray(moov.start + moov.size)]);
  out.writeUInt32BE(moov.size + pssh.length, moov.start);
  return out;
}

/** One fragment (styp/sidx/moof/mdat…), its samples encrypted and described in senc/saiz/saio. */
export function protectFragment(
  fragment: Buffer,
  key: Buffer,
  videoTrackId: number,
  ivSeed: number,
  /** Leave audio clear (Chromium then fails at a clear → encrypted seam: ADR 0014). */
  videoOnly = false,
): Buffer {
  const top = boxes(fragment, 0, fragment.length);
  const moof = top.find((b) => b.type === 'moof')!;
  const data = Buffer.from(fragment);
  const added: Array<{ traf: Box; boxes: (sencAt: number) => Buffer[] }> = [];
  let counter = ivSeed;
  for (const traf of boxes(data, moof.start + 8, moof.start + moof.size).filter((b) => b.type === 'traf')) {
    const tfhd = child(data, traf, 'tfhd')!;
    const trun = child(data, traf, 'trun')!;
    const trackId = data.readUInt32BE(tfhd.start + 12);
    const tfFlags = data.readUInt32BE(tfhd.start + 8) & 0xffffff;
    let p = tfhd.start + 16;
    if (tfFlags & 0x1) p += 8;
    if (tfFlags & 0x2) p += 4;
    if (tfFlags & 0x8) p += 4;
    const defaultSize = tfFlags & 0x10 ? data.readUInt32BE(p) : 0;
    const trFlags = data.readUInt32BE(trun.start + 8) & 0xffffff;
    const count = data.readUInt32BE(trun.start + 12);
    let q = trun.start + 16;
    const dataOffset = trFlags & 0x1 ? data.readInt32BE(q) : 0;
    if (trFlags & 0x1) q += 4;
    if (trFlags & 0x4) q += 4;
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      if (trFlags & 0x100) q += 4;
      sizes.push(trFlags & 0x200 ? data.readUInt32BE(q) : defaultSize);
      if (trFlags & 0x200) q += 4;
      if (trFlags & 0x400) q += 4;
      if (trFlags & 0x800) q += 4;
    }
    const video = trackId === videoTrackId;
    if (videoOnly && !video) continue;
    const entries: Buffer[] = [];
    let at = moof.start + dataOffset;
    for (const size of sizes) {
      const iv = Buffer.alloc(8);
      iv.writeUInt32BE(counter++, 4);
      const cipher = createCipheriv('aes-128-ctr', key, Buffer.concat([iv, Buffer.alloc(8)]));
      const sub: Array<[number, number]> = [];
      if (video) {
        // Per NAL: length + header (+ up to 32 bytes) clear, the rest encrypted; parameter sets and SEI clear.
        for (let n = at; n < at + size;) {
          const length = data.readUInt32BE(n);
          const type = data[n + 4]! & 0x1f;
          const clear = type >= 1 && type <= 5 ? Math.min(4 + length, 4 + 32) : 4 + length;
          const enc = 4 + length - clear;
          const last = sub.at(-1);
          if (last && last[1] === 0 && last[0] + clear <= 0xffff) last[0] += clear;
          else sub.push([clear, 0]);
          if (enc > 0) {
            const range = data.subarray(n + clear, n + clear + enc);
            cipher.update(range).copy(range);
            sub.at(-1)![1] = enc;
          }
          n += 4 + length;
        }
      } else {
        const range = data.subarray(at, at + size);
        cipher.update(range).copy(range);
      }
      entries.push(
        video
          ? Buffer.concat([
              iv,
              Buffer.from([sub.length >> 8, sub.length & 0xff]),
              ...sub.map(([c, e]) => {
                const b = Buffer.alloc(6);
                b.writeUInt16BE(c);
                b.writeUInt32BE(e, 2);
                return b;
              }),
            ])
          : iv,
      );
      at += size;
    }
    const senc = full('senc', 0, video ? 2 : 0, u32(count), ...entries);
    const saiz = full('saiz', 0, 0, Buffer.from([0]), u32(count), Buffer.from(entries.map((e) => e.length)));
    added.push({
      traf,
      boxes: (sencAt) => [saiz, full('saio', 0, 0, u32(1), u32(sencAt + 16)), senc],
    });
  }
  // Lay out: each traf grows by saiz + saio + senc; the moof by all of them; data offsets follow.
  const sizeOf = (a: (typeof added)[number]) => a.boxes(0).reduce((s, b) => s + b.length, 0);
  const grow = added.reduce((s, a) => s + sizeOf(a), 0);
  const parts: Buffer[] = [data.subarray(0, moof.start)];
  const moofParts: Buffer[] = [data.subarray(moof.start, moof.start + 8)];
  let cursor = moof.start + 8;
  let written = 8; // bytes of the new moof so far
  for (const a of added) {
    moofParts.push(data.subarray(cursor, a.traf.start));
    written += a.traf.start - cursor;
    const trafBody = Buffer.from(data.subarray(a.traf.start, a.traf.start + a.traf.size));
    trafBody.writeUInt32BE(a.traf.size + sizeOf(a));
    // trun data_offset (relative to the moof start) moves by the moof's growth.
    const trun = boxes(trafBody, 8, trafBody.length).find((b) => b.type === 'trun')!;
    if (trafBody.readUInt32BE(trun.start + 8) & 0x1)
      trafBody.writeInt32BE(trafBody.readInt32BE(trun.start + 16) + grow, trun.start + 16);
    const extra = a.boxes(0);
    const sencAt = written + trafBody.length + extra[0]!.length + extra[1]!.length;
    moofParts.push(trafBody, ...a.boxes(sencAt));
    written += trafBody.length + sizeOf(a);
    cursor = a.traf.start + a.traf.size;
  }
  moofParts.push(data.subarray(cursor, moof.start + moof.size));
  const newMoof = Buffer.concat(moofParts);
  newMoof.writeUInt32BE(newMoof.length);
  parts.push(newMoof, data.subarray(moof.start + moof.size));
  // sidx boxes before the moof reference its size: grow their first referenced size too.
  const out = Buffer.concat(parts);
  for (const sidx of boxes(out, 0, moof.start).filter((b) => b.type === 'sidx')) {
    const version = out[sidx.start + 8]!;
    const refAt = sidx.start + 12 + 4 + 4 + (version === 0 ? 8 : 16) + 4;
    const ref = out.readUInt32BE(refAt);
    out.writeUInt32BE(((ref & 0x7fffffff) + grow) | (ref & 0x80000000), refAt);
  }
  return out;
}
