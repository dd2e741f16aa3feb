/**
 * What the alerts' route handlers share, in web-standard Request and Response (no Next.js):
 * reading a form safely, who the client is, same-origin checks, redirects and plain pages.
 */
import { clientAddress, trustedProxiesFromEnv, type TrustedProxies } from '../http/client-address';
import { escapeHtml } from './email';
import { alertPaths } from './paths';
import type { FormFields } from './service';

const MAX_FORM_BYTES = 8 * 1024;

/** The form's fields (first value of each), or undefined if it is not a small urlencoded or multipart form. */
export async function readForm(request: Request): Promise<FormFields | undefined> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_FORM_BYTES) return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return {};
  try {
    const text = await request.text();
    if (text.length > MAX_FORM_BYTES) return undefined;
    if (type.startsWith('multipart/form-data')) {
      const data = await new Response(text, { headers: { 'content-type': type } }).formData();
      const fields: FormFields = {};
      for (const [key, value] of data) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
      return fields;
    }
    const fields: FormFields = {};
    for (const [key, value] of new URLSearchParams(text)) if (!(key in fields)) fields[key] = value;
    return fields;
  } catch {
    return undefined;
  }
}

/**
 * The client, for the per-client request limit: its TCP peer's address, or the address a
 * trusted proxy saw (lib/http/client-address.ts; TRUSTED_PROXIES). Never a header the client wrote.
 * A server that did not record the peer (no instrumentation) counts every request as one client:
 * stricter, never looser.
 */
export function clientKey(request: Request, proxies: TrustedProxies = trustedProxiesFromEnv()): string {
  return clientAddress(request.headers, proxies) ?? 'unrecorded';
}

/**
 * A form post from another site is refused: browsers send Origin (and Sec-Fetch-Site) with
 * every POST. One-click unsubscribes come from mail software, without them, and carry a token.
 */
export function crossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

const noStore = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };

/** 303 See Other to a path on this site (a relative Location: no host to get wrong). */
export function seeOther(path: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: path, ...noStore, ...headers } });
}

/** A small self-contained page (no styles: the CSP allows none inline), for 429 and 503. */
export function plainPage(status: number, title: string, body: string, headers: Record<string, string> = {}): Response {
  const html = `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(body)}</p>
<p><a href="${alertPaths.start()}">Back to email alerts</a></p>
</main>
</body>
</html>
`;
  return new Response(html, { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...noStore, ...headers } });
}

export function plainText(status: number, text: string): Response {
  return new Response(`${text}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...noStore } });
}
