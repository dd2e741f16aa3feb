import type { SearchFilterOptions } from '@/lib/search/filters';
import { MAX_QUERY_LENGTH, type SearchRequest } from '@/lib/search/query';
import { paths } from '@/lib/urls';

function Filter<T extends string | number>({
  name,
  label,
  anyLabel,
  options,
  value,
}: {
  name: string;
  label: string;
  anyLabel: string;
  options: { value: T; label: string }[];
  value?: T;
}) {
  const id = `search-${name}`;
  return (
    <div className="govuk-grid-column-one-half">
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor={id}>
          {label}
        </label>
        <select className="govuk-select govuk-!-width-full" id={id} name={name} defaultValue={value === undefined ? '' : String(value)}>
          <option value="">{anyLabel}</option>
          {options.map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * The search page's form: the words, and filters for decisions. A plain GET form, so it
 * works without JavaScript and every search has an address that can be shared.
 */
export function SearchForm({ request, options }: { request: SearchRequest; options: SearchFilterOptions }) {
  return (
    <form action={paths.search()} method="get" className="search-form">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-label--m" htmlFor="search-q">
          Search for
        </label>
        <div className="govuk-hint" id="search-q-hint">
          Words from a decision, committee, project or glossary term, for example &ldquo;business case&rdquo; or &ldquo;direct payments&rdquo;
        </div>
        <input
          className="govuk-input govuk-!-width-two-thirds"
          id="search-q"
          name="q"
          type="search"
          defaultValue={request.q}
          maxLength={MAX_QUERY_LENGTH}
          aria-describedby="search-q-hint"
          spellCheck
        />
      </div>
      <fieldset className="govuk-fieldset" aria-describedby="search-filters-hint">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Only show decisions</legend>
        <div className="govuk-hint" id="search-filters-hint">
          Filters show decisions only, not committees, projects or glossary terms.
        </div>
        <div className="govuk-grid-row">
          <Filter name="committee" label="Committee" anyLabel="Any committee" options={options.committees} value={request.committee} />
          <Filter name="project" label="Project" anyLabel="Any project" options={options.projects} value={request.project} />
          <Filter name="year" label="Year published" anyLabel="Any year" options={options.years} value={request.year} />
          <Filter name="outcome" label="Outcome" anyLabel="Any outcome" options={options.outcomes} value={request.outcome} />
        </div>
      </fieldset>
      <button type="submit" className="govuk-button">
        Search
      </button>
    </form>
  );
}
