import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FieldInputs, fieldId } from '@/components/editor/FieldInputs';
import { isError, type ContentProblem } from '@/lib/content/problems';
import { findAttempt } from '@/lib/editor/attempts';
import { collectionFields, EDITOR_COLLECTIONS, isEditorCollection } from '@/lib/editor/fields';
import { checkCandidate, displayPath, editorEnabled, readStored } from '@/lib/editor/store';
import { choices, fieldFor, newValues, problemsByField, publicPath, readableField } from '@/lib/editor/view';
import { SuccessBanner } from '@/components/SuccessBanner';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Editor' };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * One file's form (or a new file's, at /editor/<collection>/new): its fields from the schema,
 * its body, and its problems on their fields, GOV.UK error-summary style. What the writer sent
 * last (an attempt the editor did not write) is shown again as sent.
 */
export default async function EditPage({ params, searchParams }: PageProps<'/editor/[collection]/[slug]'>) {
  if (!editorEnabled()) notFound();
  const { collection, slug: rawSlug } = await params;
  if (!isEditorCollection(collection)) notFound();
  const query = await searchParams;
  const isNew = rawSlug === 'new';
  const slug = isNew ? undefined : rawSlug;
  const stored = slug ? await readStored(collection, slug) : undefined;
  if (slug && !stored) notFound();
  const { one: what } = EDITOR_COLLECTIONS[collection];
  const fields = collectionFields(collection);

  if (stored && !stored.opened) {
    return (
      <>
        <BackLink />
        <h1 className="govuk-heading-l">This file cannot be opened in the editor</h1>
        <p className="govuk-body">
          <code>{displayPath(collection, stored.slug)}</code> does not begin with fields the editor can read. Fix it in a text editor first;{' '}
          <code>npm run content:check</code> says the same:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          {stored.problems.map((p, i) => (
            <li key={i}>
              {p.line ? `Line ${p.line}: ` : ''}
              {p.message}
            </li>
          ))}
        </ul>
      </>
    );
  }

  const attempt = findAttempt(one(query.attempt), collection, slug);
  const values = attempt?.values ?? stored?.opened?.data ?? newValues(collection, fields);
  const body = attempt?.body ?? stored?.opened?.body ?? '';
  const hash = attempt?.hash ?? stored?.hash;
  const problems: ContentProblem[] = attempt ? attempt.problems : stored?.opened ? await checkCandidate(collection, stored.slug, stored.opened.text) : [];
  const errors = problemsByField(fields, values, problems);
  const warnings = problems.filter((p) => !isError(p));
  const saved = one(query.saved) === '1' && !attempt;
  const { references, tags } = await choices();
  const title = isNew ? `New ${what}` : `Edit ${what}`;
  const names = new Set(errors.keys());
  const draft = collection === 'decisions' && values.draft === true;

  return (
    <>
      <BackLink />
      {problems.some(isError) && (
        <div className="govuk-error-summary" data-module="govuk-error-summary" id="error-summary" tabIndex={-1}>
          <div role="alert">
            <h2 className="govuk-error-summary__title">There is a problem</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">{attempt ? 'Nothing has been saved yet.' : 'content:check finds these problems in the file.'} Fix them, then save.</p>
              <ul className="govuk-list govuk-error-summary__list">
                {problems.filter(isError).map((p, i) => {
                  const target = fieldFor(p.field, names) || fields[0]!.key;
                  return (
                    <li key={i}>
                      <a href={`#${target === 'body' ? 'field-body' : fieldId(target)}`}>
                        {readableField(fields, p.field)}: {p.message}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          </div>
        </div>
      )}
      {saved && (
        <SuccessBanner id="saved-title" title="Saved">
          Saved <code>{displayPath(collection, slug!)}</code>. content:check finds no problem in it.
        </SuccessBanner>
      )}
      {warnings.length > 0 && (
        <div className="govuk-inset-text">
          <h2 className="govuk-heading-s">To look at (these do not stop a save)</h2>
          <ul className="govuk-list govuk-list--bullet">
            {warnings.map((p, i) => (
              <li key={i}>
                {readableField(fields, p.field)}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h1 className="govuk-heading-xl">
        {title}
        {slug && <span className="govuk-caption-m">{displayPath(collection, slug)}</span>}
      </h1>
      {slug && (
        <p className="govuk-body">
          <Link className="govuk-link" href={publicPath(collection, slug)} prefetch={false}>
            Preview the saved {what}
          </Link>{' '}
          {draft ? '(a draft: the preview shows it with a “Draft — not published” banner; the live site never does)' : '(as the site shows it)'}
        </p>
      )}
      {slug && (
        <p className="govuk-body">
          <Link className="govuk-link" href={`/editor/${collection}/${slug}/delete`} prefetch={false}>
            Delete this {what}
          </Link>
        </p>
      )}
      {isNew && (
        <p className="govuk-body">
          The file name is made from the {EDITOR_COLLECTIONS[collection].slugFrom.join(' and ')} when you first save: it becomes the page’s address, which never
          changes.
        </p>
      )}
      <form method="post" action="/editor/save" noValidate id="editor-form">
        {/* Enter in a text box saves, rather than pressing the first button of the form (a "Remove"). */}
        <button type="submit" name="editor-action" value="save" hidden>
          Save
        </button>
        <input type="hidden" name="collection" value={collection} />
        <input type="hidden" name="slug" value={slug ?? ''} />
        <input type="hidden" name="hash" value={hash ?? ''} />
        <FieldInputs fields={fields} values={values} context={{ errors, choices: references, tags }} />
        <div className={`govuk-form-group${errors.has('body') ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--m" htmlFor="field-body">
            Text of the {what}
            {EDITOR_COLLECTIONS[collection].bodyOptional ? ' (optional)' : ''}
          </label>
          <div id="field-body-hint" className="govuk-hint">
            Markdown: a blank line between paragraphs, ## before a heading, [words](https://…) for a link, and tables with | between cells. docs/publishing.md
            explains each.
          </div>
          {errors.has('body') && (
            <p id="field-body-error" className="govuk-error-message">
              {errors.get('body')!.map((message, i) => (
                <span key={i} className="editor-error-line">
                  <span className="govuk-visually-hidden">Error:</span> {message}
                </span>
              ))}
            </p>
          )}
          <textarea
            className={`govuk-textarea editor-body${errors.has('body') ? ' govuk-textarea--error' : ''}`}
            id="field-body"
            name="body"
            rows={20}
            defaultValue={body}
            aria-describedby={errors.has('body') ? 'field-body-hint field-body-error' : 'field-body-hint'}
          />
        </div>
        {errors.has('') && (
          <p className="govuk-error-message">
            {errors.get('')!.map((message, i) => (
              <span key={i} className="editor-error-line">
                <span className="govuk-visually-hidden">Error:</span> {message}
              </span>
            ))}
          </p>
        )}
        <button type="submit" className="govuk-button" name="editor-action" value="save">
          Save {what}
        </button>
      </form>
    </>
  );
}

function BackLink() {
  return (
    <Link href="/editor" className="govuk-back-link" prefetch={false}>
      All files
    </Link>
  );
}
