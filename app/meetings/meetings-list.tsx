import type { Metadata } from 'next';
import { listRoute } from '@/app/_lib/list-route';
import { JsonLd } from '@/components/JsonLd';
import { MeetingsIndexView } from '@/components/MeetingsIndexView';
import { alternatesFor, pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords, type SiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

const TITLE = 'Meetings';
const DESCRIPTION = 'Every meeting of the committees: the forward plan of meetings to come, then what each past meeting decided.';

/** Page 1 describes the list and names the calendar; later pages are "Meetings, page <n>". */
function meetingsMetadata(records: SiteRecords, pageNumber: number): Metadata | Promise<Metadata> {
  if (pageNumber > 1) return pageMetadata({ title: `${TITLE}, page ${pageNumber}`, path: paths.meetingsPage(pageNumber) });
  return {
    title: TITLE,
    description: DESCRIPTION,
    alternates: alternatesFor(paths.meetings(), undefined, { url: paths.meetingsCalendar(), title: 'Every meeting (iCalendar)' }),
    openGraph: openGraphFor(records.site, { title: TITLE, description: DESCRIPTION, path: paths.meetings() }),
  };
}

/** Every meeting: page 1 at /meetings, later pages at /meetings/page/<n>. */
export const meetingsList = listRoute({
  find: () => getSiteRecords(),
  metadata: (records, pageNumber) => meetingsMetadata(records, pageNumber),
  view: (records, pageNumber) => (
    <>
      {pageNumber === 1 && (
        <JsonLd data={breadcrumbJsonLd(records.site, [{ href: paths.home(), label: 'Decisions' }], { href: paths.meetings(), label: TITLE })} />
      )}
      <MeetingsIndexView records={records} pageNumber={pageNumber} />
    </>
  ),
});
