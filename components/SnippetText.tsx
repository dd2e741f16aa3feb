import { Fragment } from 'react';
import type { Snippet } from '../lib/search/snippet';

/**
 * A search snippet with its matched words in <mark>. Every piece is a React text node, so
 * text from a post (even "<script>") is shown as text, never parsed as markup.
 */
export function SnippetText({ snippet }: { snippet: Snippet }) {
  return <>{snippet.map((part, i) => (part.highlight ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>))}</>;
}
