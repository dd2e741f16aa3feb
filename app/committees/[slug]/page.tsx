import { getSiteRecords } from '@/lib/site';
import { committeeList } from './committee-list';

export const revalidate = 300;
// Every record is known at build (generateStaticParams): Next.js answers any other slug with 404 itself.
export const dynamicParams = false;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.committees.keys()].map((slug) => ({ slug }));
}

export const generateMetadata = committeeList.generateMetadata;
export default committeeList.Page;
