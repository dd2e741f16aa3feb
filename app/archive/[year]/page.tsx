import { yearList } from './year-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** A year's page is rendered on its first request, then cached (lib/records/pre-render.ts). */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = yearList.generateMetadata;
export default yearList.Page;
