import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EDITOR_COLLECTIONS, isEditorCollection } from '@/lib/editor/fields';
import { deletionProblems, displayPath, editorEnabled, readStored } from '@/lib/editor/store';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Delete a file – Editor' };

/**
 * The question before a file is deleted, as a page of its own (no JavaScript needed): what will
 * go, and a form that deletes it. A file other files still need (a committee posts name) cannot
 * be deleted: the page says which files need it instead of offering the button.
 */
export default async function DeletePage({ params, searchParams }: PageProps<'/editor/[collection]/[slug]/delete'>) {
  if (!editorEnabled()) notFound();
  const { collection, slug } = await params;
  if (!isEditorCollection(collection)) notFound();
  const stored = await readStored(collection, slug);
  if (!stored) notFound();
  const { one } = EDITOR_COLLECTIONS[collection];
  const changed = (await searchParams).changed === '1';
  const blocking = await deletionProblems(collection, slug);
  return (
    <>
      <Link href={`/editor/${collection}/${slug}`} className="govuk-back-link" prefetch={false}>
        Back to the {one}
      </Link>
      {changed && (
        <div className="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 className="govuk-error-summary__title">There is a problem</h2>
            <div className="govuk-error-summary__body">
              <p className="govuk-body">The file changed since you opened this page, or another file now needs it. Nothing has been deleted.</p>
            </div>
          </div>
        </div>
      )}
      <h1 className="govuk-heading-xl">
        Delete this {one}?<span className="govuk-caption-m">{displayPath(collection, slug)}</span>
      </h1>
      {blocking.length > 0 ? (
        <>
          <p className="govuk-body">It cannot be deleted: other files name it, and would be wrong without it. Change them first.</p>
          <ul className="govuk-list govuk-list--bullet">
            {blocking.map((p, i) => (
              <li key={i}>
                <code>{p.file}</code>: {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              Its page leaves the site when the change is published. If it has been published, people may have linked to it: correct it instead where you can.
            </strong>
          </div>
          <form method="post" action="/editor/delete">
            <input type="hidden" name="collection" value={collection} />
            <input type="hidden" name="slug" value={slug} />
            <input type="hidden" name="hash" value={stored.hash} />
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button govuk-button--warning">
                Yes, delete this {one}
              </button>
              <Link className="govuk-link" href={`/editor/${collection}/${slug}`} prefetch={false}>
                No, keep it
              </Link>
            </div>
          </form>
        </>
      )}
    </>
  );
}
