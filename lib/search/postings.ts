/**
 * MiniSearch keeps, for every word and field, the documents that hold it as a Map of short
 * document id to term frequency. At 10,000 posts that is about three million Map entries, some
 * 40 bytes each: about 125 MB of the server's live heap of 330 MB (docs/benchmarks-memory.md).
 * `compactPostings` replaces every such list with `Postings`: the same pairs in two typed
 * arrays, 8 bytes a pair, behind the part of Map's interface that MiniSearch itself uses
 * (`size`, `get`, `has`, `set`, `delete`, `keys`, iteration). Its own search, scoring and adding
 * of documents then run unchanged, on the same pairs in the same order, so every ranking stays
 * as it was (tests/unit/search-postings.test.ts).
 *
 * It reaches into MiniSearch's private `_index` (a SearchableMap of word → field → postings),
 * so package.json pins MiniSearch to the version this was written against, and the test fails
 * loudly if that shape changes.
 */
import type MiniSearch from 'minisearch';

type PostingsMap = Map<number, number>;

/**
 * Document id → term frequency, ids ascending (MiniSearch gives ids in the order documents are
 * added, and adds a document's words together, so a Map's insertion order is ascending too).
 */
export class Postings {
  private ids: Uint32Array;
  private frequencies: Uint32Array;
  private length: number;
  /** Where the last lookup was: MiniSearch reads the frequencies of a list's ids in order. */
  private hint = -1;

  constructor(entries: PostingsMap) {
    this.ids = new Uint32Array(entries.size);
    this.frequencies = new Uint32Array(entries.size);
    let i = 0;
    for (const [id, frequency] of entries) {
      this.ids[i] = id;
      this.frequencies[i] = frequency;
      i++;
    }
    this.length = i;
  }

  get size(): number {
    return this.length;
  }

  /** The index of `id`, or -(insertion point) - 1. */
  private indexOf(id: number): number {
    // MiniSearch lists the ids, then reads the frequency of each in turn: the next one, mostly.
    const next = this.hint + 1;
    if (next < this.length && this.ids[next] === id) return (this.hint = next);
    let low = 0;
    let high = this.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const at = this.ids[middle]!;
      if (at < id) low = middle + 1;
      else if (at > id) high = middle - 1;
      else return (this.hint = middle);
    }
    return -low - 1;
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  get(id: number): number | undefined {
    const at = this.indexOf(id);
    return at >= 0 ? this.frequencies[at] : undefined;
  }

  set(id: number, frequency: number): this {
    if (!Number.isInteger(frequency) || frequency < 0) throw new RangeError(`Not a term frequency: ${frequency}.`);
    const at = this.indexOf(id);
    if (at >= 0) {
      this.frequencies[at] = frequency;
      return this;
    }
    const insertAt = -at - 1;
    if (this.length === this.ids.length) this.grow();
    this.ids.copyWithin(insertAt + 1, insertAt, this.length);
    this.frequencies.copyWithin(insertAt + 1, insertAt, this.length);
    this.ids[insertAt] = id;
    this.frequencies[insertAt] = frequency;
    this.length++;
    return this;
  }

  delete(id: number): boolean {
    const at = this.indexOf(id);
    if (at < 0) return false;
    this.ids.copyWithin(at, at + 1, this.length);
    this.frequencies.copyWithin(at, at + 1, this.length);
    this.length--;
    return true;
  }

  /** Room for more: a quarter again (a scheduled post adds one document at a time). */
  private grow(): void {
    const capacity = Math.max(this.length + 4, Math.ceil(this.length * 1.25));
    const ids = new Uint32Array(capacity);
    ids.set(this.ids.subarray(0, this.length));
    const frequencies = new Uint32Array(capacity);
    frequencies.set(this.frequencies.subarray(0, this.length));
    this.ids = ids;
    this.frequencies = frequencies;
  }

  /**
   * The ids, ascending: a view of the array (a generator made searches twice as slow). MiniSearch
   * deletes from a list while listing it only for a document removed from the index, and the
   * site's index is only ever added to (lib/search/search-index.ts).
   */
  keys(): Uint32Array {
    this.hint = -1;
    return this.ids.subarray(0, this.length);
  }

  *entries(): IterableIterator<[number, number]> {
    for (let i = 0; i < this.length; i++) yield [this.ids[i]!, this.frequencies[i]!];
  }

  [Symbol.iterator](): IterableIterator<[number, number]> {
    return this.entries();
  }
}

/** What MiniSearch keeps per word: field id → postings. */
type FieldPostings = Map<number, PostingsMap | Postings>;
interface MiniSearchInternals {
  _index: Iterable<[string, FieldPostings]>;
}

function compactable(postings: PostingsMap | Postings): postings is PostingsMap {
  if (!(postings instanceof Map)) return false;
  let previous = -1;
  for (const [id, frequency] of postings) {
    if (!Number.isInteger(id) || id <= previous || id > 0xffffffff || !Number.isInteger(frequency) || frequency < 0) return false;
    previous = id;
  }
  return true;
}

/** MiniSearch's word → field → postings, where the library keeps it (see the top of this file). */
export function fieldPostingsOf(index: MiniSearch<never> | MiniSearch<object>): Iterable<[string, FieldPostings]> {
  const internals = index as unknown as Partial<MiniSearchInternals>;
  if (!internals._index || typeof internals._index[Symbol.iterator] !== 'function') {
    throw new Error('MiniSearch no longer keeps its index in _index: lib/search/postings.ts needs updating.');
  }
  return internals._index;
}

/**
 * Replaces every postings Map (ids ascending, as MiniSearch makes them) with a Postings, in
 * place, and returns how many it replaced. Every one, the shortest too: where MiniSearch's
 * search met Maps and Postings alike, it ran slower than on either alone.
 */
export function compactPostings(index: MiniSearch<never> | MiniSearch<object>): number {
  let compacted = 0;
  for (const [, fields] of fieldPostingsOf(index)) {
    for (const [fieldId, postings] of fields) {
      if (!compactable(postings)) continue;
      fields.set(fieldId, new Postings(postings));
      compacted++;
    }
  }
  return compacted;
}
