import { FILTER_MEANINGS, FILTER_PARAMETERS, filterQuery, NO_FILTER, viewFormats, type DecisionFilter } from '@/lib/filters/vocabulary';
import { londonYear } from '@/lib/dates';
import { absoluteUrl, paths } from '@/lib/urls';
import { WebAddress } from './WebAddress';

/**
 * The filter vocabulary for people, with examples built from the content: the same words on
 * /search, on the feeds and on the data files. Shown on /feeds and /data.
 */
export function FilterVocabulary({ examples, baseUrl }: { examples: { filter: DecisionFilter; what: string }[]; baseUrl: string }) {
  return (
    <>
      <p className="govuk-body">
        Any list of decisions you can make on the{' '}
        <a className="govuk-link" href={paths.search()}>
          search page
        </a>{' '}
        is also a feed and a download: add the same words to the address of a feed (<code>/feed.xml</code>, <code>/atom.xml</code>, <code>/feed.json</code>) or
        of the data (<code>/data/decisions.csv</code>, <code>/data/decisions.json</code>). A feed then has the newest posts with at least one matching decision;
        the data has every matching decision. The search page links to its own view in every format.
      </p>
      <dl className="govuk-summary-list">
        {FILTER_PARAMETERS.map((name) => (
          <div className="govuk-summary-list__row" key={name}>
            <dt className="govuk-summary-list__key">
              <code>{name}</code>
            </dt>
            <dd className="govuk-summary-list__value">{FILTER_MEANINGS[name]}</dd>
          </div>
        ))}
      </dl>
      <p className="govuk-body">
        Give a word more than once for either value (<code>outcome=approved&amp;outcome=deferred</code>); different words must all hold. <code>project</code>,{' '}
        <code>stage</code>, <code>outcome</code> and <code>key</code> must hold for the same decision. A value the site does not know gets an error that lists
        the values it does know. Software may send the words in any order; the site answers with the address it writes itself.
      </p>
      <ul className="govuk-list govuk-list--bullet">
        {examples
          .filter((e) => filterQuery(e.filter) !== filterQuery(NO_FILTER))
          .map((example) => {
            const [rss, , , csv] = viewFormats(example.filter);
            return (
              <li key={filterQuery(example.filter)}>
                {example.what}: <WebAddress href={absoluteUrl(baseUrl, rss!.path)} />, or as a spreadsheet,{' '}
                <a className="govuk-link" href={csv!.path}>
                  <code>{csv!.path}</code>
                </a>
              </li>
            );
          })}
      </ul>
    </>
  );
}

/** Examples from the content itself, so that each one answers with decisions. */
export function vocabularyExamples(records: {
  committees: ReadonlyMap<string, { name: string }>;
  indexes: { all: readonly { committee: string; published: Date; items: readonly { outcome: string; stage: string }[] }[] };
}): { filter: DecisionFilter; what: string }[] {
  const newest = records.indexes.all[0];
  if (!newest) return [];
  const item = newest.items[0]!;
  const committee = records.committees.get(newest.committee)?.name ?? newest.committee;
  const year = londonYear(newest.published);
  return [
    { filter: { ...NO_FILTER, outcome: [item.outcome as DecisionFilter['outcome'][number]] }, what: `Every decision with the outcome ${item.outcome}` },
    {
      filter: {
        ...NO_FILTER,
        committee: [newest.committee],
        stage: [item.stage as DecisionFilter['stage'][number]],
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      },
      what: `${committee}: ${item.stage.replace(/-/g, ' ')} decisions in ${year}`,
    },
    { filter: { ...NO_FILTER, outcome: ['deferred', 'rejected'] }, what: 'Everything deferred or rejected' },
  ];
}
