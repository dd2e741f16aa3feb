/**
 * Safe passage through the `feed` package's XML writer (xml-js 1.6), which has three faults
 * that would let a post's text break a feed or change it:
 *
 * 1. CDATA: it splits only the FIRST `]]>` of a value (`String.replace` with a string), so a
 *    second `]]>` ends the section early and the feed is no longer XML.
 * 2. Text: it turns every `&amp;` back into `&` before escaping (to avoid double escaping), so
 *    a title that really says `&amp;` reaches the reader as `&`.
 * 3. Attributes: it escapes only `"` (and `feed` adds `&`), so a `<` in a category label is
 *    written raw, which XML forbids.
 *
 * Each value is prepared for where it goes (text node, CDATA section or attribute), and the
 * writer's output is finished by `finishXml`. Two placeholders stand for what the writer gets
 * wrong; they are U+FFFE and U+FFFF, which `cleanText` removes from every input, so they cannot
 * come from a post.
 */
import { cleanLabel, cleanText } from './text';

const CDATA_BREAK = '\uFFFE';
const ATTRIBUTE_LT = '\uFFFF';

/** For a value xml-js writes as a text node: its `&amp;` un-escaping then undoes exactly this. */
export function forTextNode(value: string): string {
  return cleanText(value).replace(/&/g, '&amp;');
}

/** A one-line text node (names, categories). */
export function forTextLabel(value: string): string {
  return cleanLabel(value).replace(/&/g, '&amp;');
}

/** For a value xml-js wraps in CDATA: every `]]>` is split across two sections. */
export function forCdata(value: string): string {
  return cleanText(value).replaceAll(']]>', `]]${CDATA_BREAK}>`);
}

/** For an attribute that `feed` escapes `&` in and xml-js escapes `"` in: `<` is left to us. */
export function forAttribute(value: string): string {
  return cleanLabel(value).replace(/</g, ATTRIBUTE_LT);
}

/** Completes the writer's output: closes and reopens CDATA where needed, escapes `<` in attributes. */
export function finishXml(xml: string): string {
  return xml.replaceAll(CDATA_BREAK, ']]><![CDATA[').replaceAll(ATTRIBUTE_LT, '&lt;');
}
