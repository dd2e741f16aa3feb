import { notFound } from 'next/navigation';
import { listRoute } from '@/app/_lib/list-route';
import { LatestDecisions } from '@/components/LatestDecisions';
import { paginate } from '@/lib/records/indexes';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** Later pages of the latest decisions are rendered on first request, then cached (lib/records/pre-render.ts). */
export const generateStaticParams = renderedOnFirstRequest;

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
