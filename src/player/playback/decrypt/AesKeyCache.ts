/** Keys kept per engine: a title usually has one key (or a few, rotated), so this is plenty. */
const DEFAULT_LIMIT = 32;

interface Entry {
  key: Promise<CryptoKey>;
  /** The signal of the download that fetches it: aborted, the next asker fetches it again. */
  signal: AbortSignal;
}

/**
 * Imported AES-128 keys by key URL, shared by every segment of one engine, so a key that many
 * segments name (the usual case: one key per title) is fetched once, not once per segment.
 * Bounded: past `limit` keys the least recently used is dropped (fetched again if named again).
 * A failed fetch is forgotten, so a later fragment may try again; a fetch given up because its
 * own segment was dropped (its signal aborted) does not fail the other segments waiting on it:
 * they fetch it again under their own signal.
 *
 * @example
 * const keys = aesKeysFor(engineHost);
 * const key = await keys.get('https://cdn/t/key.bin', signal, (s) => fetchAndImport(s));
 */
export class AesKeyCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /** The key for `uri`, fetched with `fetchKey` (under `signal`) unless another segment did already. */
  async get(
    uri: string,
    signal: AbortSignal,
    fetchKey: (signal: AbortSignal) => Promise<CryptoKey>,
  ): Promise<CryptoKey> {
    for (;;) {
      let entry = this.entries.get(uri);
      if (entry)
        this.entries.delete(uri); // re-inserted below: most recently used last
      else {
        const created: Entry = { key: fetchKey(signal), signal };
        created.key.catch(() => {
          if (this.entries.get(uri) === created) this.entries.delete(uri);
        });
        entry = created;
      }
      this.entries.set(uri, entry);
      for (const oldest of this.entries.keys()) {
        if (this.entries.size <= this.limit) break;
        this.entries.delete(oldest);
      }
      try {
        return await entry.key;
      } catch (error) {
        if (entry.signal === signal || !entry.signal.aborted || signal.aborted) throw error;
        // Another segment's download, given up with that segment: fetch it for this one.
      }
    }
  }

  /** How many keys are kept. */
  get size(): number {
    return this.entries.size;
  }
}

const perOwner = new WeakMap<object, AesKeyCache>();

/**
 * The key cache of `owner` (an engine's download host): one per engine, made on first use, so
 * two players on a page never share keys.
 *
 * @example
 * new AesDecrypter(fetchBody, () => aesKeysFor(host));
 */
export function aesKeysFor(owner: object): AesKeyCache {
  let keys = perOwner.get(owner);
  if (!keys) perOwner.set(owner, (keys = new AesKeyCache()));
  return keys;
}
