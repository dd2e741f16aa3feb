import { topicList } from './topic-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** A topic's page is rendered on its first request, then cached (lib/records/pre-render.ts). */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = topicList.generateMetadata;
export default topicList.Page;
