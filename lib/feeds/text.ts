/**
 * Text hygiene for feeds and data files. Everything a feed or a download says passes through
 * `cleanText` first, whatever its format; the XML feeds then go through `lib/feeds/xml.ts`.
 */

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return;
 * U+FFFE and U+FFFF; lone surrogates), plus the C1 controls and DEL, which XML allows but which
 * are never meant in a council's text and upset some feed readers.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Removes the characters XML cannot carry and turns CR LF / CR into LF. */
export function cleanText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/\r\n?/g, '\n');
}

/** A one-line label (a category, a name): cleaned, with runs of white space made one space. */
export function cleanLabel(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

/** Plain text as HTML text: for feed fields whose format says they hold HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
