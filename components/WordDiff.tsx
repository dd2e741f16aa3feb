import type { WordPart } from '@/lib/history/words';

/**
 * Text with its insertions and deletions marked: <ins> and <del>, underlined and struck
 * through as well as coloured, each with words a screen reader says ("added:", "removed:"),
 * so nothing rests on colour alone. Every part is text: React escapes it.
 */
export function WordDiff({ parts }: { parts: WordPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'added' ? (
          <ins key={i}>
            <span className="govuk-visually-hidden">[added: </span>
            {part.text}
            <span className="govuk-visually-hidden">]</span>
          </ins>
        ) : part.kind === 'removed' ? (
          <del key={i}>
            <span className="govuk-visually-hidden">[removed: </span>
            {part.text}
            <span className="govuk-visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

/** A field's value before and after: "deferred → approved", each marked. */
export function ValueChange({ before, after }: { before: string | null; after: string | null }) {
  return (
    <>
      {before === null ? (
        <span className="history-absent">(not given)</span>
      ) : (
        <del>
          <span className="govuk-visually-hidden">[removed: </span>
          {before}
          <span className="govuk-visually-hidden">]</span>
        </del>
      )}
      <span aria-hidden="true"> → </span>
      <span className="govuk-visually-hidden"> changed to </span>
      {after === null ? (
        <span className="history-absent">(removed)</span>
      ) : (
        <ins>
          <span className="govuk-visually-hidden">[added: </span>
          {after}
          <span className="govuk-visually-hidden">]</span>
        </ins>
      )}
    </>
  );
}
