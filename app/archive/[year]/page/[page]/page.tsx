import { yearList } from '../../year-list';

export const revalidate = 300;

/** Later pages of a year's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ year: string; page: string }>> {
  return [];
}

export const generateMetadata = yearList.generateMetadata;
export default yearList.Page;
