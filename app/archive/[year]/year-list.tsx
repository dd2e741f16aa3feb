import { listRoute } from '@/app/_lib/list-route';
import { ArchiveYearView, archiveYearMetadata } from '@/components/ArchiveYearView';
import { findArchiveYear } from '@/lib/records/lookups';

/** The decisions published in a year: page 1 at /archive/<year>, later pages at /archive/<year>/page/<n>. */
export const yearList = listRoute({
  find: ({ year }: { year: string }) => findArchiveYear(year),
  metadata: ({ records, key }, pageNumber) => archiveYearMetadata(records, key, pageNumber),
  view: ({ records, key }, pageNumber) => <ArchiveYearView records={records} year={key} pageNumber={pageNumber} />,
});
