import { LRUCache } from 'lru-cache';

/**
 * The in-memory caches of answers to visitors' requests, as `lru-cache` configured once: bounded
 * by entries AND by the bytes their keys and values hold (as `sizeOf` measures them), so nothing a
 * visitor sends can make one grow past either, a million small answers or a few enormous ones.
 * A value larger than an eighth of the budget is not kept, so one answer cannot empty the cache.
 */
export interface CacheLimits {
  entries: number;
  bytes: number;
}

export function boundedLru<V extends NonNullable<unknown>>(limits: CacheLimits, sizeOf: (value: V) => number): LRUCache<string, V> {
  if (!(limits.entries >= 1 && limits.bytes >= 8)) throw new RangeError('A bounded cache needs room for at least one entry and eight bytes.');
  return new LRUCache<string, V>({
    max: limits.entries,
    maxSize: limits.bytes,
    maxEntrySize: Math.floor(limits.bytes / 8),
    sizeCalculation: (value, key) => Math.max(1, Math.ceil(sizeOf(value)) + stringBytes(key)),
  });
}

/** What a JavaScript string of this length holds, at most (UTF-16), with the object around it. */
export function stringBytes(text: string): number {
  return 2 * text.length + 32;
}
