import { getSiteRecords } from '@/lib/site';
import { topicList } from './topic-list';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byTag.keys()].map((slug) => ({ slug }));
}

export const generateMetadata = topicList.generateMetadata;
export default topicList.Page;
