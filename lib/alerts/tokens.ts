/**
 * Signed tokens for the links in emails: HMAC-SHA256 over a small JSON payload, base64url, so
 * nothing about a link needs a row in the database and nobody can forge or alter one. A
 * confirmation token expires after 7 days; manage and unsubscribe tokens do not (an old
 * email's unsubscribe link must keep working) but name ids that die with the address.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Frequency, Subject } from './types';

export const CONFIRM_TOKEN_DAYS = 7;

export type TokenPayload =
  /** confirm: `c` corrections too, `k` the forward plan's key decisions too (absent in older links: no). */
  | { p: 'confirm'; s: number; f: Frequency; c: boolean; k?: boolean; exp: number; w?: Subject }
  | { p: 'manage'; u: number }
  | { p: 'unsubscribe'; u: number; s: number[] };

export type TokenResult<P extends TokenPayload['p']> =
  { ok: true; payload: Extract<TokenPayload, { p: P }> } | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-purpose' | 'expired' };

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(`alerts.v1.${body}`).digest('base64url');
}

export function makeToken(secret: string, payload: TokenPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

/** `subject` rides in the token so the confirm page can say what is being confirmed without a database read. */
export function confirmToken(
  secret: string,
  input: { subscriptionId: number; frequency: Frequency; corrections: boolean; planned?: boolean; subject?: Subject },
  now: Date,
): string {
  return makeToken(secret, {
    p: 'confirm',
    s: input.subscriptionId,
    f: input.frequency,
    c: input.corrections,
    ...(input.planned ? { k: true } : {}),
    exp: Math.floor(now.getTime() / 1000) + CONFIRM_TOKEN_DAYS * 86_400,
    ...(input.subject ? { w: { kind: input.subject.kind, slug: input.subject.slug } } : {}),
  });
}

export function readToken<P extends TokenPayload['p']>(secret: string, token: unknown, purpose: P, now: Date): TokenResult<P> {
  if (typeof token !== 'string' || token.length > 2000) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(sign(secret, parts[0]!));
  const given = Buffer.from(parts[1]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad-signature' };
  let payload: TokenPayload;
  try {
    payload = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as TokenPayload;
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!payload || typeof payload !== 'object' || payload.p !== purpose) return { ok: false, reason: 'wrong-purpose' };
  if (payload.p === 'confirm' && !(payload.exp * 1000 > now.getTime())) return { ok: false, reason: 'expired' };
  return { ok: true, payload: payload as Extract<TokenPayload, { p: P }> };
}
