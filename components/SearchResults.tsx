import { describeFilter } from '@/lib/filters/vocabulary';
import { makerKindPlurals } from '@/lib/records/makers';
import type { SearchFilterOptions } from '@/lib/search/filters';
import type { SearchHit, SearchResponse } from '@/lib/search/paging';
import { hasFilters, searchHref } from '@/lib/search/query';
import { paths } from '@/lib/urls';
import { DateText } from './DateText';
import { Pagination } from './Pagination';
import { SnippetText } from './SnippetText';

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;
}

/** "by Cabinet Resources Committee, published in 2011, with the outcome Approved": the filters in words. */
function filterDescription(response: SearchResponse, options: SearchFilterOptions): string {
  const { request } = response;
  const labelOf = (list: { value: string | number; label: string }[]) => (value: string) => list.find((o) => o.value === value)?.label ?? value;
  const words = request.filter
    ? describeFilter(request.filter, {
        committee: labelOf(options.committees),
        project: labelOf(options.projects),
        tag: labelOf(options.tags),
        stage: labelOf(options.stages),
        outcome: labelOf(options.outcomes),
        maker: (kind) => makerKindPlurals[kind],
      })
    : '';
  return [words, request.year ? `published in ${request.year}` : ''].filter(Boolean).join(', ');
}

function ResultItem({ hit }: { hit: SearchHit }) {
  return (
    <li className="decision-list__item">
      <h2 className="govuk-heading-m decision-list__title">
        <a className="govuk-link" href={hit.href}>
          {hit.title}
        </a>
      </h2>
      <p className="decision-list__meta">
        <span className="search-results__kind">{hit.kindLabel}</span>
        {hit.date && (
          <>
            {', published '}
            <DateText date={hit.date} />
          </>
        )}
        {hit.committee && <>{`, decided by ${hit.committee.name}`}</>}
      </p>
      {hit.snippet.length > 0 && (
        <p className="govuk-body govuk-!-margin-bottom-0 search-results__snippet">
          <SnippetText snippet={hit.snippet} />
        </p>
      )}
    </li>
  );
}

function NoResults({ response }: { response: SearchResponse }) {
  const filtered = hasFilters(response.request);
  return (
    <>
      <p className="govuk-body">Try:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>checking the spelling</li>
        <li>other or fewer words, for example &ldquo;business case&rdquo; instead of a full sentence</li>
        {filtered && (
          <li>
            <a className="govuk-link" href={searchHref({ q: response.request.q, page: 1 })}>
              searching without the filters
            </a>
          </li>
        )}
        <li>
          browsing the{' '}
          <a className="govuk-link" href={paths.committees()}>
            committees
          </a>
          , the{' '}
          <a className="govuk-link" href={paths.projects()}>
            projects
          </a>
          , the{' '}
          <a className="govuk-link" href={paths.archive()}>
            decisions by year
          </a>{' '}
          or the{' '}
          <a className="govuk-link" href={paths.glossary()}>
            glossary
          </a>
        </li>
      </ul>
    </>
  );
}

/** The outcome of a search: how many results, the results with snippets, pages. */
export function SearchResults({ response, options }: { response: SearchResponse; options: SearchFilterOptions }) {
  const { request, mode, total } = response;
  if (mode === 'empty') return null;
  const filters = filterDescription(response, options);
  const subject = request.q ? <>for &lsquo;{request.q}&rsquo;</> : <>Decisions</>;
  let summary;
  if (mode === 'no-words') {
    summary = (
      <p className="govuk-body govuk-!-font-weight-bold search-results__count">
        &lsquo;{request.q}&rsquo; has no words we can search for. Try more specific words.
      </p>
    );
  } else if (total === 0) {
    summary = (
      <p className="govuk-body govuk-!-font-weight-bold search-results__count">
        No results {subject}
        {filters ? ` ${filters}` : ''}.
      </p>
    );
  } else {
    summary = (
      <p className="govuk-body govuk-!-font-weight-bold search-results__count">
        {mode === 'browse' ? (
          <>
            {plural(total, 'decision', 'decisions')} {filters}
          </>
        ) : (
          <>
            {plural(total, 'result', 'results')} {subject}
            {filters ? ` ${filters}` : ''}
          </>
        )}
        {response.pageCount > 1 ? ` (page ${response.page} of ${response.pageCount})` : ''}
      </p>
    );
  }
  return (
    <div className="search-results">
      {summary}
      {mode === 'any' && total > 0 && <p className="govuk-body">No result contains all of your words, so these contain some of them.</p>}
      {total === 0 || mode === 'no-words' ? (
        <NoResults response={response} />
      ) : (
        <ol className="decision-list" start={(response.page - 1) * response.pageSize + 1}>
          {response.hits.map((hit) => (
            <ResultItem key={hit.id} hit={hit} />
          ))}
        </ol>
      )}
      <Pagination page={response.page} pageCount={response.pageCount} hrefFor={(n) => searchHref(request, n)} label="Pages of search results" />
    </div>
  );
}
