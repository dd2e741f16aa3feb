/**
 * The one way the site keeps derived values in memory: remembered per visible set of records
 * and dropped with it. A visible set's indexes (lib/site.ts builds them once per set, and anew
 * exactly when the set changes, as when a scheduled post goes live) or what is derived from
 * them (its meetings, its search engine) is the key, held weakly, so a superseded set's values
 * go when nothing uses it, and no value outlives the records it was computed from. A value that
 * grows with what visitors ask for is a `boundedLru` (bounded-lru.ts) remembered this way.
 */
export function perVisibleSet<Key extends object, Value>(): (set: Key, compute: () => Value) => Value {
  const values = new WeakMap<Key, Value>();
  return (set, compute) => {
    if (values.has(set)) return values.get(set)!;
    const value = compute();
    values.set(set, value);
    return value;
  };
}
