/**
 * The limits that keep the service from being used to mail-bomb someone. The limits on
 * confirmation emails are counted in the database, so they hold across instances and restarts
 * (store.requestSubscription); the per-client request limit is counted here, in memory, per
 * instance: it stops one client hammering the form, and a restart forgetting it is harmless.
 *
 * Confirmation emails are the only mail the service sends to an address nobody has confirmed,
 * so they are what an attacker would aim at a victim. They are counted per mailbox (one inbox
 * however its address is spelled: canonicalMailbox), and capped per domain and site-wide while
 * they are "in flight": sent in the last hour to an address that has not confirmed anything.
 */
export const CONFIRMATIONS_PER_MAILBOX_PER_HOUR = 3;
/** Unconfirmed confirmation emails to one domain in any hour (dotted or invented spellings of one inbox). */
export const CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT = 50;
/** Unconfirmed confirmation emails in any hour, all domains together (a flood from many clients). */
export const CONFIRMATIONS_IN_FLIGHT = 300;
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

/** C0 and C1 control characters, DEL, and invisible format characters (zero-width space, bidi marks). */
const HIDDEN_CHARACTER = /[\p{Cc}\p{Cf}]/u;

export type EmailCheck = { ok: true; email: string } | { ok: false; problem: 'missing' | 'hidden-character' | 'format' };

/**
 * An email address as the form may accept it: one @, a dotted domain, no spaces, no control or
 * invisible characters, at most 254 characters (RFC 5321). Deliberately simple, as GOV.UK's is:
 * the confirmation email is the real test of an address. A control character is refused, never
 * stripped: mail software strips it when sending, so `vic\x01tim@x` would reach victim@x as
 * another address. Gives the address to store, trimmed and lower-cased (Foo@x and foo@x are
 * one address), or why not.
 */
export function checkEmail(input: unknown): EmailCheck {
  if (typeof input !== 'string' || !input.trim()) return { ok: false, problem: 'missing' };
  const email = input.trim();
  if (HIDDEN_CHARACTER.test(email)) return { ok: false, problem: 'hidden-character' };
  if (email.length < 3 || email.length > 254) return { ok: false, problem: 'format' };
  if (!/^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/.test(email)) {
    return { ok: false, problem: 'format' };
  }
  const local = email.slice(0, email.lastIndexOf('@'));
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return { ok: false, problem: 'format' };
  return { ok: true, email: email.toLowerCase() };
}

/** The address to store, or undefined when the form must say it is wrong (checkEmail says why). */
export function normaliseEmail(input: unknown): string | undefined {
  const checked = checkEmail(input);
  return checked.ok ? checked.email : undefined;
}

export interface Mailbox {
  /** The inbox an address reaches, for counting: lower case, without a `+tag` (`name+x@Example.com` → `name@example.com`). */
  mailbox: string;
  /** The part after the @, lower case. */
  domain: string;
}

/**
 * The inbox behind an address, as the limits count it. `+tags` and letter case reach the same
 * inbox at nearly every provider; provider-specific rules (Gmail ignoring dots) are left to the
 * per-domain cap, which bounds them without guessing.
 */
export function canonicalMailbox(email: string): Mailbox {
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1).toLowerCase();
  const local = email.slice(0, at).toLowerCase();
  const plus = local.indexOf('+');
  return { mailbox: `${plus > 0 ? local.slice(0, plus) : local}@${domain}`, domain };
}
