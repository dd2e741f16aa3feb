import type { DecisionItem } from '@/lib/content/types';
import { recordFacts, type Segment } from '@/lib/records/decision-record';
import { paths } from '@/lib/urls';

/** A glossary term's words, linked where the glossary explains it. */
function TermLink({ text, slug, glossary }: { text: string; slug: string; glossary: ReadonlySet<string> }) {
  return glossary.has(slug) ? (
    <a className="govuk-link" href={paths.glossaryTerm(slug)}>
      {text}
    </a>
  ) : (
    <>{text}</>
  );
}

function Segments({ segments, glossary }: { segments: readonly Segment[]; glossary: ReadonlySet<string> }) {
  return (
    <>
      {segments.map((segment, index) =>
        typeof segment === 'string' ? (
          segment
        ) : 'href' in segment ? (
          <a key={index} className="govuk-link" href={segment.href} rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <TermLink key={index} text={segment.text} slug={segment.glossary} glossary={glossary} />
        ),
      )}
    </>
  );
}

/**
 * The decision record of an item (lib/records/decision-record.ts) as summary-list rows in plain
 * English: only the fields the post gives. The reasons are Markdown, rendered by the route
 * through the sanitising renderer (`reasonsHtml`) and shown as that HTML only.
 */
export function DecisionRecordRows({
  item,
  glossary,
  reasonsHtml,
}: {
  item: DecisionItem;
  glossary: ReadonlySet<string>;
  reasonsHtml: (markdown: string) => string;
}) {
  return (
    <>
      {recordFacts(item).map((fact) => (
        <div className="govuk-summary-list__row" key={fact.label}>
          <dt className="govuk-summary-list__key">{fact.glossary ? <TermLink text={fact.label} slug={fact.glossary} glossary={glossary} /> : fact.label}</dt>
          <dd className="govuk-summary-list__value">
            {fact.markdown !== undefined && <div className="record-text" dangerouslySetInnerHTML={{ __html: reasonsHtml(fact.markdown) }} />}
            {fact.value && <Segments segments={fact.value} glossary={glossary} />}
            {fact.items && (
              <ul className="govuk-list govuk-list--bullet">
                {fact.items.map((segments, index) => (
                  <li key={index}>
                    <Segments segments={segments} glossary={glossary} />
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </>
  );
}
