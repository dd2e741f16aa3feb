import { yearList } from './year-list';

export const revalidate = 300;

/** A year's page is rendered on its first request, then cached (lib/records/pre-render.ts). */
export async function generateStaticParams(): Promise<Array<{ year: string }>> {
  return [];
}

export const generateMetadata = yearList.generateMetadata;
export default yearList.Page;
