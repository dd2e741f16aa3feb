import type { MetadataRoute } from 'next';
import { getSiteRecords } from '@/lib/site';
import { sitemapEntries } from '@/lib/seo/sitemap';

/** Re-made at most every five minutes, so a scheduled post appears soon after it goes live. */
export const revalidate = 300;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  return sitemapEntries(await getSiteRecords());
}
