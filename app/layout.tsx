import type { Metadata, Viewport } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { EDITOR_REQUEST_HEADER } from '@/lib/editor/requests';
import { ContentProblems } from '@/components/ContentProblems';
import { JsonLd } from '@/components/JsonLd';
import { SiteFooter } from '@/components/SiteFooter';
import { SiteHeader } from '@/components/SiteHeader';
import { isError } from '@/lib/content/problems';
import { loadContent } from '@/lib/site';
import { isPreview } from '@/lib/server/runtime';
import { siteJsonLd } from '@/lib/seo/structured-data';
import './globals.scss';

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await loadContent();
  const title = site?.siteTitle ?? 'Decisions';
  return {
    metadataBase: site ? new URL(site.baseUrl) : null,
    title: { default: `${title} – ${site?.councilName ?? ''}`, template: `%s – ${title}` },
    description: site?.description,
    alternates: alternatesFor(undefined),
    openGraph: { siteName: title, locale: 'en_GB', type: 'website' },
    formatDetection: { telephone: false },
  };
}

export const viewport: Viewport = { themeColor: '#1d70b8', width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const content = await loadContent();
  const problems = content.problems.filter(isError);
  // In the local preview, invalid content shows its problems instead of a stack trace; the
  // editor's pages show them on their fields instead (proxy.ts marks them). headers() is read
  // only in the preview, so production pages stay static.
  const showProblems = isPreview() && (problems.length > 0 || !content.site) && (await headers()).get(EDITOR_REQUEST_HEADER) !== '1';
  const site = content.site;
  return (
    <html lang="en-GB" className="govuk-template">
      <body className="govuk-template__body">
        <a href="#main-content" className="govuk-skip-link">
          Skip to main content
        </a>
        <SiteHeader siteTitle={site?.siteTitle ?? 'Decisions'} councilName={site?.councilName ?? ''} />
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {showProblems ? <ContentProblems problems={problems} /> : children}
          </main>
        </div>
        {site && <SiteFooter site={site} />}
        {site && <JsonLd data={siteJsonLd(site)} />}
      </body>
    </html>
  );
}
