/**
 * The limits that keep the service from being used to mail-bomb someone. The per-address limit
 * (3 confirmation emails an hour) is counted in the database, so it holds across instances and
 * restarts (store.requestSubscription); the per-client request limit is counted here, in memory,
 * per instance: it stops one client hammering the form, and a restart forgetting it is harmless.
 */
export const CONFIRMATIONS_PER_ADDRESS_PER_HOUR = 3;
export const REQUESTS_PER_CLIENT_PER_MINUTE = 10;

/** A sliding-window counter per key: at most `limit` hits in any `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Keys kept at most; the oldest are dropped first, so a flood of keys cannot exhaust memory. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Records a hit for `key` at `now` and says whether it is within the limit. */
  allow(key: string, now: number): boolean {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    const allowed = recent.length < this.limit;
    if (allowed) recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return allowed;
  }
}

/**
 * An email address as the form may accept it: one @, a dotted domain, no spaces or control
 * characters, at most 254 characters (RFC 5321). Deliberately simple, as GOV.UK's is: the
 * confirmation email is the real test of an address. Returns the address to store, trimmed and
 * lower-cased (so Foo@x and foo@x are one address, for the limits too), or undefined.
 */
export function normaliseEmail(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const email = input.trim();
  if (email.length < 3 || email.length > 254) return undefined;
  if (!/^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(email)) return undefined;
  const local = email.slice(0, email.lastIndexOf('@'));
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
  return email.toLowerCase();
}
