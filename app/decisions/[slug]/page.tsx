import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DateText } from '@/components/DateText';
import { DecisionSummary } from '@/components/DecisionSummary';
import { DecisionNeighbours } from '@/components/DecisionNeighbours';
import { Corrections } from '@/components/Corrections';
import { DecisionList } from '@/components/DecisionList';
import { JsonLd } from '@/components/JsonLd';
import { Prose } from '@/components/Prose';
import { PublicationBanner } from '@/components/PublicationBanner';
import { findDecision } from '@/lib/records/lookups';
import { meetingsOf } from '@/lib/meetings';
import { neighbours, relatedDecisions } from '@/lib/records/indexes';
import { publicationState } from '@/lib/records/published';
import { recentToPreRender } from '@/lib/records/pre-render';
import { bodyHtml, decisionHtml, getSiteRecords } from '@/lib/site';
import { londonIsoDateTime } from '@/lib/dates';
import { paths } from '@/lib/urls';
import { topicName } from '@/lib/records/labels';
import { breadcrumbJsonLd, decisionJsonLd } from '@/lib/seo/structured-data';
import { WithdrawnPost } from '@/components/WithdrawnPost';
import { findWithdrawn } from '@/lib/history/lookup';
import { historyOf } from '@/lib/history/store';
import { historySummary, summarySentence } from '@/lib/history/view';

export const revalidate = 300;

/** The most read posts are the recent ones: pre-render those, render the rest on first request. */
export async function generateStaticParams() {
  const records = await getSiteRecords();
  return recentToPreRender(records.indexes.all).map((d) => ({ slug: d.slug }));
}

export async function generateMetadata({ params }: PageProps<'/decisions/[slug]'>): Promise<Metadata> {
  const found = await findDecision((await params).slug);
  if (!found) {
    const withdrawn = await findWithdrawn((await params).slug);
    if (withdrawn) return { title: `Withdrawn: ${withdrawn.withdrawal!.published.title}`, robots: { index: false } };
    return { title: 'Page not found' };
  }
  const { value: decision } = found;
  return {
    title: decision.title,
    description: decision.summary,
    alternates: alternatesFor(paths.decision(decision.slug)),
    openGraph: {
      type: 'article',
      title: decision.title,
      description: decision.summary,
      url: paths.decision(decision.slug),
      publishedTime: londonIsoDateTime(decision.published),
      modifiedTime: londonIsoDateTime(decision.updated),
      siteName: found.records.site.siteTitle,
      locale: 'en_GB',
    },
  };
}

export default async function DecisionPage({ params }: PageProps<'/decisions/[slug]'>) {
  const found = await findDecision((await params).slug);
  if (!found) {
    // A post deleted after it was public: a short page, answered 410 Gone (cache-handler.mjs).
    const withdrawn = await findWithdrawn((await params).slug);
    if (!withdrawn) notFound();
    const { published, withdrawn: gone } = withdrawn.withdrawal!;
    return <WithdrawnPost slug={withdrawn.slug} title={published.title} published={new Date(published.at)} withdrawn={new Date(gone.at)} />;
  }
  const { records, value: decision } = found;
  const history = historySummary(historyOf(decision.slug), records.visibility.now);
  const committee = records.committees.get(decision.committee)!;
  const state = publicationState(decision, records.visibility.now);
  const { newer, older } = neighbours(records.indexes, decision.slug);
  const related = relatedDecisions(records.indexes, decision);
  const trail = [
    { href: paths.home(), label: 'Decisions' },
    { href: paths.committee(committee.slug), label: committee.name },
  ];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd
        data={[
          decisionJsonLd(records.site, decision, committee, history && { lastChanged: history.lastChanged }),
          breadcrumbJsonLd(records.site, trail, { href: paths.decision(decision.slug), label: decision.title }),
        ]}
      />
      <PublicationBanner state={state} published={decision.published} />
      <article>
        <h1 className="govuk-heading-xl govuk-!-margin-bottom-4">{decision.title}</h1>
        <p className="govuk-body-s">
          Published <DateText date={decision.published} />
          {decision.updates.length > 0 && (
            <>
              , last updated <DateText date={decision.updated} />
            </>
          )}
          {decision.author && <>, written by {decision.author}</>}
          {history && (
            <>
              .{' '}
              <a className="govuk-link" href={paths.decisionHistory(decision.slug)}>
                {summarySentence(history)}
              </a>
            </>
          )}
        </p>
        <p className="govuk-body-l">{decision.summary}</p>
        <DecisionSummary
          decision={decision}
          committee={committee}
          projects={records.projects}
          committeeSite={records.site.committeeSite}
          meeting={meetingsOf(records).byDecision.get(decision.slug)}
          glossary={new Set(records.glossary.keys())}
          reasonsHtml={(markdown) => bodyHtml(records, markdown)}
        />
        <h2 className="govuk-heading-m govuk-!-margin-top-6">What the post says</h2>
        <Prose html={decisionHtml(records, decision)} />
        <Corrections updates={decision.updates} />
        {decision.tags.length > 0 && (
          <>
            <h2 className="govuk-heading-s">Topics</h2>
            <ul className="govuk-list govuk-list--inline outcome-list">
              {decision.tags.map((tag) => (
                <li key={tag}>
                  <a className="govuk-link" href={paths.tag(tag)}>
                    {topicName(tag, records.glossary)}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </article>
      {related.length > 0 && (
        <section aria-labelledby="related-heading">
          <h2 className="govuk-heading-m govuk-!-margin-top-6" id="related-heading">
            Related decisions
          </h2>
          <DecisionList decisions={related} committees={records.committees} headingLevel={3} />
        </section>
      )}
      <DecisionNeighbours newer={newer} older={older} />
    </>
  );
}
