/**
 * A least-recently-used cache bounded by its number of entries AND by the bytes its values
 * hold (as the caller measures them), so that nothing a visitor sends can make it grow past
 * either: a million different small answers, or a few enormous ones. A value too large for an
 * eighth of the budget is not kept at all, so one answer cannot empty the cache of all others.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, { value: V; bytes: number }>();
  #bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
  ) {
    if (!(maxEntries >= 1 && maxBytes >= 1)) throw new RangeError('A bounded cache needs room for at least one entry and one byte.');
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The bytes held, as measured by the callers of `set` (keys included). */
  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  /** Keeps the value unless it is too large; returns whether it was kept. */
  set(key: string, value: V, valueBytes: number): boolean {
    this.delete(key);
    const bytes = Math.ceil(valueBytes) + stringBytes(key);
    if (!(bytes <= this.maxBytes / 8)) return false;
    while (this.#entries.size >= this.maxEntries || this.#bytes + bytes > this.maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    return true;
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}

/** What a JavaScript string of this length holds, at most (UTF-16), with the object around it. */
export function stringBytes(text: string): number {
  return 2 * text.length + 32;
}
