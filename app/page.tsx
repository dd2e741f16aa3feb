import { LatestDecisions } from '@/components/LatestDecisions';
import { paginate } from '@/lib/indexes';
import { getSiteRecords } from '@/lib/site';

export const revalidate = 300;

export default async function HomePage() {
  const records = await getSiteRecords();
  const page = paginate(records.indexes.all, 1, records.site.pageSize)!;
  return <LatestDecisions page={page} committees={records.committees} siteTitle={records.site.siteTitle} description={records.site.description} />;
}
