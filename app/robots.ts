import type { MetadataRoute } from 'next';
import { getSiteRecords } from '@/lib/site';
import { absoluteUrl } from '@/lib/urls';

/** Every page may be crawled; the sitemap lists them. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  const { site } = await getSiteRecords();
  return {
    rules: { userAgent: '*', allow: '/' },
    sitemap: absoluteUrl(site.baseUrl, '/sitemap.xml'),
  };
}
