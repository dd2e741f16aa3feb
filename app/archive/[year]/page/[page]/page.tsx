import { yearList } from '../../year-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** Later pages of a year's decisions are rendered on first request, then cached. */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = yearList.generateMetadata;
export default yearList.Page;
