import { committeeList } from '../../committee-list';

export const revalidate = 300;

/** Later pages of a committee's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ slug: string; page: string }>> {
  return [];
}

export const generateMetadata = committeeList.generateMetadata;
export default committeeList.Page;
