import { meetingsList } from '../../meetings-list';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** Later pages of meetings are rendered on first request, then cached. */
export const generateStaticParams = renderedOnFirstRequest;

export const generateMetadata = meetingsList.generateMetadata;
export default meetingsList.Page;
