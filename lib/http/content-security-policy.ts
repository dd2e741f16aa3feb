/**
 * The Content-Security-Policy of each kind of response: the tightest each allows.
 *
 * Every page except the alert pages passes through Next.js's cache, whose copies carry no
 * script at all (cache-handler.mjs; search too, rendered on demand at the address of its query
 * and never stored: lib/search/rendered-address.ts), so they get `script-src 'none'`: even a
 * script that got past the sanitiser could not run. (JSON-LD is a data block, not script: CSP
 * does not apply to it.) The alert pages are rendered per request and keep Next.js's router, so
 * proxy.ts gives them a fresh nonce on every request; Next.js puts it on each of its own script
 * tags.
 *
 * No report-to/report-uri: the site has no endpoint to receive reports, and one that anyone can
 * post to would be a new thing to defend.
 */

const SHARED = [
  "default-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  'upgrade-insecure-requests',
];

function policy(scriptSrc: string): string {
  return [SHARED[0], `script-src ${scriptSrc}`, ...SHARED.slice(1)].join('; ');
}

/** Pages (search included), feeds, data, errors, assets: everything but the alert pages. */
export const NO_SCRIPT_POLICY = policy("'none'");

/** An alert page, for one response: Next.js's own scripts from this site, inline ones only with the nonce. */
export function perRequestPolicy(nonce: string): string {
  if (!/^[A-Za-z0-9+/]{16,}={0,2}$/.test(nonce)) throw new Error('A nonce is base64 of at least 12 random bytes.');
  return policy(`'self' 'nonce-${nonce}'`);
}

/**
 * `next dev` only: its pages keep the router and hot reloading, and React needs eval there for
 * its error overlay (Next.js docs, "Content Security Policy"). Never served by a production build.
 */
export const DEVELOPMENT_POLICY = policy("'self' 'unsafe-inline' 'unsafe-eval'");

/** 16 random bytes, base64: a new one for every response rendered per request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
