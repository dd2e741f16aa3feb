/**
 * Shows HTML that lib/markdown has already sanitised. Nothing else may be passed here.
 */
export function Prose({ html }: { html: string }) {
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}
