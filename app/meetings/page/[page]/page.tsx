import { meetingsList } from '../../meetings-list';

export const revalidate = 300;

/** Later pages of meetings are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ page: string }>> {
  return [];
}

export const generateMetadata = meetingsList.generateMetadata;
export default meetingsList.Page;
