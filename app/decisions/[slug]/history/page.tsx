import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { HistoryVersions } from '@/components/HistoryVersions';
import { findHistory } from '@/lib/history/lookup';
import { versionViews } from '@/lib/history/view';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { paths } from '@/lib/urls';

export const revalidate = 300;

/**
 * None is rendered at build time; each is rendered on first request and kept, as a page of the
 * decision is (without generateStaticParams a dynamic route would be rendered per request).
 */
export async function generateStaticParams(): Promise<{ slug: string }[]> {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/decisions/[slug]/history'>): Promise<Metadata> {
  const found = await findHistory((await params).slug);
  if (!found) return { title: 'Page not found' };
  const title = found.decision?.title ?? found.withdrawal!.published.title;
  return {
    title: `History: ${title}`,
    description: `Every published version of “${title}”: when it changed and what changed.`,
    alternates: alternatesFor(paths.decisionHistory(found.slug)),
  };
}

/** Every public version of a post, newest first (lib/history). */
export default async function HistoryPage({ params }: PageProps<'/decisions/[slug]/history'>) {
  const found = await findHistory((await params).slug);
  if (!found) notFound();
  const { records, decision, history, file, slug } = found;
  const title = decision?.title ?? found.withdrawal!.published.title;
  const committee = decision ? records.committees.get(decision.committee) : undefined;
  const trail = [{ href: paths.home(), label: 'Decisions' }, ...(committee ? [{ href: paths.committee(committee.slug), label: committee.name }] : [])];
  const versions = history ? versionViews(history, records.visibility.now) : [];
  return (
    <>
      <Breadcrumbs items={decision ? [...trail, { href: paths.decision(slug), label: decision.title }] : trail} />
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-xl">History of this post</h1>
      {versions.length > 0 ? (
        <>
          <p className="govuk-body">
            Every version of this post that has been public, newest first, with what changed from the version before: field by field, and word by word for the
            text. Times are London times. Each version is a commit to the site’s content; the commit’s id names it.
          </p>
          <p className="govuk-body">
            Words added are <ins>underlined</ins> and words removed are <del>struck through</del>.
          </p>
          {decision ? (
            <p className="govuk-body">
              <a className="govuk-link" rel="latest-version" href={paths.decision(slug)}>
                Read the post as it is now
              </a>
            </p>
          ) : (
            <div className="govuk-inset-text">This post has been withdrawn: it is no longer published.</div>
          )}
          <HistoryVersions versions={versions} postPath={paths.decision(slug)} withdrawn={!decision} />
        </>
      ) : (
        <p className="govuk-body">
          {file.available
            ? 'No earlier versions of this post are recorded.'
            : 'No history is available for this post: this copy of the site was built without its history.'}{' '}
          <a className="govuk-link" href={paths.decision(slug)}>
            Read the post
          </a>
          .
        </p>
      )}
      <p className="govuk-body">
        Every change to every post is also a feed (
        <a className="govuk-link" href={paths.changesAtom()}>
          Atom
        </a>
        ,{' '}
        <a className="govuk-link" href={paths.changesJsonFeed()}>
          JSON Feed
        </a>
        ) and data (
        <a className="govuk-link" href={paths.changesDataCsv()}>
          CSV
        </a>
        ,{' '}
        <a className="govuk-link" href={paths.changesDataJson()}>
          JSON
        </a>
        ).
      </p>
    </>
  );
}
