import { topicList } from '../../topic-list';

export const revalidate = 300;

/** Later pages of a topic's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ slug: string; page: string }>> {
  return [];
}

export const generateMetadata = topicList.generateMetadata;
export default topicList.Page;
