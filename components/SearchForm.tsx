import { NO_FILTER } from '@/lib/filters/vocabulary';
import type { SearchFilterOptions } from '@/lib/search/filters';
import { MAX_QUERY_LENGTH, type SearchRequest } from '@/lib/search/query';
import { paths } from '@/lib/urls';

/** The search form's id: the filters, placed after the results, submit with it. */
const SEARCH_FORM_ID = 'search-form';

function Filter<T extends string | number>({
  name,
  label,
  anyLabel,
  options,
  values,
}: {
  name: string;
  label: string;
  anyLabel: string;
  options: { value: T; label: string }[];
  /** The request's values: the first is chosen; the others (from a link) are kept, hidden, so a new search keeps them. */
  values: readonly T[];
}) {
  const id = `search-${name}`;
  const [first, ...more] = values;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
        {more.length > 0 && <span className="govuk-visually-hidden"> (and {more.length} more, kept from the link)</span>}
      </label>
      <select className="govuk-select govuk-!-width-full" id={id} name={name} form={SEARCH_FORM_ID} defaultValue={first === undefined ? '' : String(first)}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
      {more.map((value) => (
        <input key={String(value)} type="hidden" name={name} value={String(value)} form={SEARCH_FORM_ID} />
      ))}
    </div>
  );
}

/** A GOV.UK checkbox group: each value its own box, so several can be chosen (the values are alternatives). */
function CheckboxFilter<T extends string>({
  name,
  legend,
  hint,
  options,
  values,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: T; label: string }[];
  values: readonly string[];
}) {
  const hintId = `search-${name}-hint`;
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset" {...(hint ? { 'aria-describedby': hintId } : {})}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint && (
          <div className="govuk-hint" id={hintId}>
            {hint}
          </div>
        )}
        <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
          {options.map((option) => {
            const id = `search-${name}-${option.value}`;
            return (
              <div className="govuk-checkboxes__item" key={option.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={id}
                  name={name}
                  type="checkbox"
                  value={option.value}
                  form={SEARCH_FORM_ID}
                  defaultChecked={values.includes(option.value)}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                  {option.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

function DateFilter({ name, label, value }: { name: 'from' | 'to'; label: string; value?: string }) {
  const id = `search-${name}`;
  return (
    <div className="govuk-form-group">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      <div className="govuk-hint" id={`${id}-hint`}>
        For example, 30 June 2011
      </div>
      <input
        className="govuk-input govuk-input--width-10"
        id={id}
        name={name}
        type="date"
        form={SEARCH_FORM_ID}
        defaultValue={value ?? ''}
        aria-describedby={`${id}-hint`}
      />
    </div>
  );
}

/**
 * The search page's form: the words to search for. A plain GET form, so it works without
 * JavaScript and every search has an address that can be shared. The filters (SearchFilters)
 * sit after the results and belong to this form through their `form` attribute.
 */
export function SearchForm({ request }: { request: SearchRequest }) {
  return (
    <form action={paths.search()} method="get" className="search-form" id={SEARCH_FORM_ID}>
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
      <button type="submit" className="govuk-button">
        Search
      </button>
    </form>
  );
}

/** How many filters the request sets: each chosen value counts once. */
export function activeFilterCount(request: SearchRequest): number {
  const filter = request.filter ?? NO_FILTER;
  return (
    filter.committee.length +
    filter.project.length +
    filter.outcome.length +
    filter.stage.length +
    filter.tag.length +
    filter.maker.length +
    (filter.key ? 1 : 0) +
    (request.year ? 1 : 0) +
    (filter.from ? 1 : 0) +
    (filter.to ? 1 : 0)
  );
}

/**
 * The filters for decisions, folded into a GOV.UK details component after the results so that
 * on a phone the results come first; open when a filter is set, and its summary counts them.
 */
export function SearchFilters({ request, options }: { request: SearchRequest; options: SearchFilterOptions }) {
  const filter = request.filter ?? NO_FILTER;
  const active = activeFilterCount(request);
  return (
    <details className="govuk-details search-filters" open={active > 0} id="search-filters">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Filter decisions{active > 0 ? ` (${active} active)` : ''}</span>
      </summary>
      <div className="govuk-details__text">
        <fieldset className="govuk-fieldset" aria-describedby="search-filters-hint">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Only show decisions</legend>
          <div className="govuk-hint" id="search-filters-hint">
            Filters show decisions only, not decision makers, projects or glossary terms.
          </div>
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">
              <div className="govuk-checkboxes__item">
                <input
                  className="govuk-checkboxes__input"
                  id="search-key"
                  name="key"
                  type="checkbox"
                  value="yes"
                  form={SEARCH_FORM_ID}
                  defaultChecked={filter.key === 'yes'}
                  aria-describedby="search-key-hint"
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="search-key">
                  Key decisions only
                </label>
                <div className="govuk-hint govuk-checkboxes__hint" id="search-key-hint">
                  Significant spending or savings, or an effect on two or more wards
                </div>
              </div>
            </div>
          </div>
          <Filter name="committee" label="Decision maker" anyLabel="Any decision maker" options={options.committees} values={filter.committee} />
          {options.makers.length > 0 && (
            <CheckboxFilter
              name="maker"
              legend="Kind of decision maker"
              hint="Officers and cabinet members decide alone, without a meeting"
              options={options.makers}
              values={filter.maker}
            />
          )}
          <Filter name="project" label="Project" anyLabel="Any project" options={options.projects} values={filter.project} />
          <Filter name="year" label="Year published" anyLabel="Any year" options={options.years} values={request.year ? [request.year] : []} />
          <Filter name="outcome" label="Outcome" anyLabel="Any outcome" options={options.outcomes} values={filter.outcome} />
          <Filter name="stage" label="Stage" anyLabel="Any stage" options={options.stages} values={filter.stage} />
          <Filter name="tag" label="Topic" anyLabel="Any topic" options={options.tags} values={filter.tag} />
          <DateFilter name="from" label="Published on or after" value={filter.from} />
          <DateFilter name="to" label="Published on or before" value={filter.to} />
        </fieldset>
        <button type="submit" className="govuk-button govuk-button--secondary" form={SEARCH_FORM_ID}>
          Apply filters
        </button>
      </div>
    </details>
  );
}
