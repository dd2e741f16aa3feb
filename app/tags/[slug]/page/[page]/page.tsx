import { topicList } from '../../topic-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** Later pages of a topic's decisions are rendered on first request, then cached. */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = topicList.generateMetadata;
export default topicList.Page;
