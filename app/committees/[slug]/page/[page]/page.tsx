import { committeeList } from '../../committee-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** Later pages of a committee's decisions are rendered on first request, then cached. */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = committeeList.generateMetadata;
export default committeeList.Page;
