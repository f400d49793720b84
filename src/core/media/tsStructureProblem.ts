/** MPEG-TS packets are 188 bytes, each starting with this sync byte. */
const PACKET = 188;
const SYNC = 0x47;

/**
 * What is wrong with `data` as an MPEG-TS fragment, or undefined when nothing is: it must be
 * whole 188-byte packets, each starting with the sync byte 0x47 (garbage, an HTML error page
 * or a body cut short fail). Pure, so the player and `offshoot validate --media` share it.
 *
 * @example
 * tsStructureProblem(new Uint8Array(100)); // '100 bytes is not a whole number of 188-byte packets'
 */
export function tsStructureProblem(data: ArrayBuffer | Uint8Array): string | undefined {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) return 'no bytes';
  if (bytes.length % PACKET !== 0) return `${bytes.length} bytes is not a whole number of ${PACKET}-byte packets`;
  for (let at = 0; at < bytes.length; at += PACKET) if (bytes[at] !== SYNC) return `no sync byte 0x47 at offset ${at}`;
  return undefined;
}
