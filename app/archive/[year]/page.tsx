import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/page-metadata';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DecisionGroups, type DecisionGroup } from '@/components/DecisionGroups';
import { JsonLd } from '@/components/JsonLd';
import type { Decision } from '@/lib/content/types';
import { londonIsoDate, TIME_ZONE } from '@/lib/dates';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byYear.keys()].map((year) => ({ year: String(year) }));
}

/** A year from the URL: four digits, with at least one visible decision. */
async function findYear(text: string) {
  if (!/^\d{4}$/.test(text)) return undefined;
  const records = await getSiteRecords();
  const year = Number(text);
  const decisions = records.indexes.byYear.get(year);
  return decisions && decisions.length > 0 ? { records, year, decisions } : undefined;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, month: 'long', year: 'numeric' });

/** Newest month first; within a month, newest first (the order of the index). */
function byMonth(decisions: Decision[]): DecisionGroup[] {
  const groups = new Map<string, DecisionGroup>();
  for (const decision of decisions) {
    const month = londonIsoDate(decision.published).slice(0, 7);
    let group = groups.get(month);
    if (!group) {
      group = { id: `month-${month}`, heading: monthFormat.format(decision.published), decisions: [] };
      groups.set(month, group);
    }
    group.decisions.push(decision);
  }
  return [...groups.values()];
}

export async function generateMetadata({ params }: PageProps<'/archive/[year]'>): Promise<Metadata> {
  const found = await findYear((await params).year);
  if (!found) return { title: 'Page not found' };
  const title = `Decisions published in ${found.year}`;
  const description = `The ${found.decisions.length === 1 ? 'decision post' : `${found.decisions.length} decision posts`} published in ${found.year}, newest first.`;
  const path = paths.archive(found.year);
  return { title, description, alternates: alternatesFor(path), openGraph: openGraphFor(found.records.site, { title, description, path }) };
}

export default async function ArchiveYearPage({ params }: PageProps<'/archive/[year]'>) {
  const found = await findYear((await params).year);
  if (!found) notFound();
  const { records, year, decisions } = found;
  const years = [...records.indexes.byYear.keys()].sort((a, b) => a - b);
  const at = years.indexOf(year);
  const earlier = years[at - 1];
  const later = years[at + 1];
  const trail = [
    { href: paths.home(), label: 'Decisions' },
    { href: '/archive', label: 'Decisions by year' },
  ];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, { href: paths.archive(year), label: String(year) })} />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">Decisions published in</span>
        {year}
      </h1>
      <p className="govuk-body-l">
        {decisions.length === 1 ? 'One decision post was' : `${decisions.length} decision posts were`} published in {year}. The newest is first.
      </p>
      <DecisionGroups groups={byMonth(decisions)} committees={records.committees} />
      {(earlier || later) && (
        <nav className="govuk-pagination govuk-pagination--block" aria-label="Other years">
          {later && (
            <div className="govuk-pagination__prev">
              <a className="govuk-link govuk-pagination__link" href={paths.archive(later)} rel="prev">
                <span className="govuk-pagination__link-title">
                  Later<span className="govuk-visually-hidden"> year</span>
                </span>
                <span className="govuk-visually-hidden">:</span>
                <span className="govuk-pagination__link-label">{later}</span>
              </a>
            </div>
          )}
          {earlier && (
            <div className="govuk-pagination__next">
              <a className="govuk-link govuk-pagination__link" href={paths.archive(earlier)} rel="next">
                <span className="govuk-pagination__link-title">
                  Earlier<span className="govuk-visually-hidden"> year</span>
                </span>
                <span className="govuk-visually-hidden">:</span>
                <span className="govuk-pagination__link-label">{earlier}</span>
              </a>
            </div>
          )}
        </nav>
      )}
    </>
  );
}
