import { serializeJsonLd, type JsonLdObject } from '../lib/seo/structured-data';

/**
 * Structured data for search engines. The JSON is escaped by serializeJsonLd ("<" as
 * \u003c), so no text from a post can close the element or start markup.
 */
export function JsonLd({ data }: { data: JsonLdObject | JsonLdObject[] }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
