import { notFound } from 'next/navigation';
import { listRoute } from '@/app/_lib/list-route';
import { LatestDecisions } from '@/components/LatestDecisions';
import { paginate } from '@/lib/records/indexes';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  const pageCount = Math.ceil(records.indexes.all.length / records.site.pageSize);
  return Array.from({ length: Math.max(0, Math.min(pageCount, 20) - 1) }, (_, i) => ({ page: String(i + 2) }));
}

/** The latest decisions, page 2 on (page 1 is the home page, with its own title). */
const latestList = listRoute({
  find: () => getSiteRecords(),
  metadata: (_records, pageNumber) => pageMetadata({ title: `Decisions, page ${pageNumber}`, path: `/page/${pageNumber}` }),
  view: (records, pageNumber) => {
    const page = paginate(records.indexes.all, pageNumber, records.site.pageSize);
    if (!page) notFound();
    return <LatestDecisions page={page} committees={records.committees} siteTitle={records.site.siteTitle} description={records.site.description} />;
  },
});

export const generateMetadata = latestList.generateMetadata;
export default latestList.Page;
