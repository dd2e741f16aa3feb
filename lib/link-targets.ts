/**
 * Which link targets the site allows. One rule for the fields that hold a web address (the
 * schemas in lib/content) and for the links in a post's Markdown (lib/markdown/link-check.ts);
 * it lives here, outside both folders, so that neither has to import the other for it.
 */

/** Why a link target is not allowed, or undefined when it is an http(s) address. */
export function urlProblem(value: string, { allowMailto = false, allowSitePaths = false } = {}): string | undefined {
  if (allowSitePaths && (value.startsWith('/') || value.startsWith('#')) && !value.startsWith('//')) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return /^[\w.-]+\.[a-z]{2,}(\/|$)/i.test(value)
      ? `'${value}' has no https:// in front. Write the full address, like https://${value}`
      : `'${value}' is not a web address. Write the full address, starting with https://`;
  }
  const allowed = allowMailto ? ['http:', 'https:', 'mailto:'] : ['http:', 'https:'];
  if (!allowed.includes(url.protocol)) {
    return `'${value.slice(0, 60)}' is not allowed: links must start with https:// or http://${allowMailto ? ' (or mailto: for an email address)' : ''}.`;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return `'${value}' does not look like a full web address: it needs a domain, like https://www.barnet.gov.uk/`;
  }
  return undefined;
}
