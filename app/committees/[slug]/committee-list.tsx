import type { Metadata } from 'next';
import { listRoute } from '@/app/_lib/list-route';
import { CommitteeView } from '@/components/CommitteeView';
import { JsonLd } from '@/components/JsonLd';
import type { Committee } from '@/lib/content/types';
import { findCommittee } from '@/lib/records/lookups';
import { makerMeets } from '@/lib/records/makers';
import { alternatesFor, pageMetadata } from '@/lib/seo/page-metadata';
import type { SiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

/** Page 1 describes the committee and names its feeds; later pages are its decisions, page <n>. */
async function committeeMetadata(records: SiteRecords, committee: Committee, pageNumber: number): Promise<Metadata> {
  if (pageNumber > 1) return pageMetadata({ title: `${committee.name}, page ${pageNumber}`, path: paths.committeePage(committee.slug, pageNumber) });
  const base = paths.committee(committee.slug);
  return {
    title: committee.name,
    description: committee.summary,
    openGraph: openGraphFor(records.site, { title: committee.name, description: committee.summary, path: base }),
    // A body that decides alone (an officer, a cabinet member) has no meetings, so no calendar.
    alternates: makerMeets(committee.kind)
      ? alternatesFor(
          base,
          { basePath: base, name: committee.name },
          { url: paths.committeeMeetingsCalendar(committee.slug), title: `${committee.name}: meetings (iCalendar)` },
        )
      : alternatesFor(base, { basePath: base, name: committee.name }),
  };
}

/** A committee and its decisions: page 1 at /committees/<slug>, later pages at /committees/<slug>/page/<n>. */
export const committeeList = listRoute({
  find: ({ slug }: { slug: string }) => findCommittee(slug),
  metadata: ({ records, value }, pageNumber) => committeeMetadata(records, value, pageNumber),
  view: ({ records, value: committee }, pageNumber) => (
    <>
      {pageNumber === 1 && (
        <JsonLd
          data={breadcrumbJsonLd(records.site, [{ href: paths.committees(), label: 'Decision makers' }], {
            href: paths.committee(committee.slug),
            label: committee.name,
          })}
        />
      )}
      <CommitteeView records={records} committee={committee} pageNumber={pageNumber} />
    </>
  ),
});
