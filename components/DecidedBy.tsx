import type { Committee } from '@/lib/content/types';
import { DELEGATED_POWERS_TERM, makerName, makerRole } from '@/lib/records/makers';
import { paths } from '@/lib/urls';

/**
 * Who decided, by kind, as the rest of a sentence after "Decided by": "the Director of
 * Commercial Services, an officer acting under delegated powers" (the glossary explains the
 * powers), "the Cabinet Member for Resources", "Cabinet Resources Committee". The words are
 * lib/records/makers.ts's, which the feeds and emails use too.
 */
export function DecidedBy({ committee, glossary }: { committee: Committee; glossary: ReadonlySet<string> }) {
  const article = makerName(committee) === committee.name ? '' : 'the ';
  const role = makerRole(committee.kind);
  const [before, after] = role?.split('delegated powers') ?? [];
  return (
    <>
      {article}
      <a className="govuk-link" href={paths.committee(committee.slug)}>
        {committee.name}
      </a>
      {role &&
        (after !== undefined && glossary.has(DELEGATED_POWERS_TERM) ? (
          <>
            , {before}
            <a className="govuk-link" href={paths.glossaryTerm(DELEGATED_POWERS_TERM)}>
              delegated powers
            </a>
            {after}
          </>
        ) : (
          `, ${role}`
        ))}
    </>
  );
}
