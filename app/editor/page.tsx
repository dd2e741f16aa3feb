import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EDITOR_COLLECTIONS, type EditorCollection } from '@/lib/editor/fields';
import { githubEditorConfig } from '@/lib/editor/github-config';
import { editorEnabled, editorMode } from '@/lib/editor/store';
import { listCollection } from '@/lib/editor/view';
import { SuccessBanner } from '@/components/SuccessBanner';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Editor' };

const STATUS_CLASS = { Draft: 'govuk-tag--grey', Scheduled: 'govuk-tag--blue', Published: 'govuk-tag--green' } as const;

/** Every file the editor can open, by collection, with a way to start a new one. */
export default async function EditorHome({ searchParams }: PageProps<'/editor'>) {
  if (!editorEnabled()) notFound();
  const review = Number((await searchParams).review);
  const deleted = (await searchParams).deleted;
  const pullUrl = Number.isSafeInteger(review) && review > 0 ? pullRequestUrl(review) : undefined;
  const collections = Object.keys(EDITOR_COLLECTIONS) as EditorCollection[];
  const lists = await Promise.all(collections.map(async (collection) => ({ collection, records: await listCollection(collection) })));
  return (
    <>
      {pullUrl && (
        <SuccessBanner id="review-title" title="Sent for review">
          Your change is waiting for review in{' '}
          <a className="govuk-notification-banner__link" href={pullUrl}>
            pull request {review}
          </a>
          . It is published when a reviewer merges it.
        </SuccessBanner>
      )}
      {typeof deleted === 'string' && (
        <SuccessBanner id="deleted-title" title="Deleted">
          <code>content/{deleted.slice(0, 200)}.md</code> has been deleted.
        </SuccessBanner>
      )}
      <h1 className="govuk-heading-xl">Publish from the browser</h1>
      <p className="govuk-body">
        Choose a file to change, or start a new one. Each save is checked as <code>npm run content:check</code> checks it: the editor writes only a file with no
        problems, and shows each problem beside its field. Open the preview to see a draft or scheduled post exactly as it will look.
      </p>
      {lists.map(({ collection, records }) => {
        const { title, one } = EDITOR_COLLECTIONS[collection];
        return (
          <section key={collection} aria-labelledby={`list-${collection}`}>
            <h2 className="govuk-heading-l" id={`list-${collection}`}>
              {title}
            </h2>
            <Link className="govuk-button" href={`/editor/${collection}/new`} prefetch={false}>
              New {one}
            </Link>
            <table className="govuk-table">
              <caption className="govuk-visually-hidden">{title}</caption>
              <thead className="govuk-table__head">
                <tr className="govuk-table__row">
                  <th scope="col" className="govuk-table__header">
                    Name
                  </th>
                  <th scope="col" className="govuk-table__header">
                    File
                  </th>
                  <th scope="col" className="govuk-table__header">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody className="govuk-table__body">
                {records.map((record) => (
                  <tr className="govuk-table__row" key={record.slug}>
                    <td className="govuk-table__cell">
                      <Link className="govuk-link" href={`/editor/${collection}/${record.slug}`} prefetch={false}>
                        {record.name}
                      </Link>
                    </td>
                    <td className="govuk-table__cell">
                      <code>{record.slug}.md</code>
                    </td>
                    <td className="govuk-table__cell">
                      {record.status && <strong className={`govuk-tag ${STATUS_CLASS[record.status]}`}>{record.status}</strong>}{' '}
                      {record.errors > 0 && (
                        <strong className="govuk-tag govuk-tag--red">{record.errors === 1 ? '1 problem' : `${record.errors} problems`}</strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

/** A pull request's page on GitHub (GitHub mode). */
function pullRequestUrl(number: number): string | undefined {
  const config = editorMode() === 'github' ? githubEditorConfig() : undefined;
  if (!config?.ok) return undefined;
  const web = config.config.apiUrl === 'https://api.github.com' ? 'https://github.com' : config.config.apiUrl.replace(/\/api\/v3$/, '');
  return `${web}/${config.config.owner}/${config.config.repo}/pull/${number}`;
}
