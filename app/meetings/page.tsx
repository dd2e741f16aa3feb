import type { Metadata } from 'next';
import { JsonLd } from '@/components/JsonLd';
import { MeetingsIndexView } from '@/components/MeetingsIndexView';
import { alternatesFor } from '@/lib/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/structured-data';
import { paths } from '@/lib/urls';

// Which meetings are still to come changes with the date: re-made at most every five minutes.
export const revalidate = 300;

const TITLE = 'Meetings';
const DESCRIPTION = 'Every meeting of the committees: the forward plan of meetings to come, then what each past meeting decided.';

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await getSiteRecords();
  return {
    title: TITLE,
    description: DESCRIPTION,
    alternates: alternatesFor(paths.meetings(), undefined, { url: paths.meetingsCalendar(), title: 'Every meeting (iCalendar)' }),
    openGraph: openGraphFor(site, { title: TITLE, description: DESCRIPTION, path: paths.meetings() }),
  };
}

export default async function MeetingsPage() {
  const records = await getSiteRecords();
  return (
    <>
      <JsonLd data={breadcrumbJsonLd(records.site, [{ href: paths.home(), label: 'Decisions' }], { href: paths.meetings(), label: TITLE })} />
      <MeetingsIndexView records={records} pageNumber={1} />
    </>
  );
}
