import { topicList } from './topic-list';

export const revalidate = 300;

/** A topic's page is rendered on its first request, then cached (lib/records/pre-render.ts). */
export async function generateStaticParams(): Promise<Array<{ slug: string }>> {
  return [];
}

export const generateMetadata = topicList.generateMetadata;
export default topicList.Page;
