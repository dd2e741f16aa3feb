import { getSiteRecords } from '@/lib/site';
import { yearList } from './year-list';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byYear.keys()].map((year) => ({ year: String(year) }));
}

export const generateMetadata = yearList.generateMetadata;
export default yearList.Page;
