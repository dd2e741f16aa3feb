import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { JsonLd } from '../../components/JsonLd';
import { breadcrumbJsonLd, decisionJsonLd, openGraphFor, serializeJsonLd, siteJsonLd } from '../../lib/seo/structured-data';
import { decision, SITE } from './helpers';

const site = SITE;

describe('serializeJsonLd', () => {
  it('cannot be broken out of by "</script>" or an HTML comment in a title', () => {
    const title = 'Budget </script><script>alert(1)</script> <!-- & -->';
    const json = serializeJsonLd({ headline: title });
    expect(json).not.toContain('<');
    expect(json).not.toContain('>');
    expect(json).not.toContain('&');
    expect(json).toContain('\\u003c/script\\u003e');
    // The same data to a JSON parser.
    expect(JSON.parse(json)).toEqual({ headline: title });
  });

  it('escapes the line and paragraph separators', () => {
    const json = serializeJsonLd({ text: 'a\u2028b\u2029c' });
    expect(json).toBe('{"text":"a\\u2028b\\u2029c"}');
    expect(JSON.parse(json)).toEqual({ text: 'a\u2028b\u2029c' });
  });

  it('renders one script element whose content stays inside it', () => {
    const html = renderToStaticMarkup(createElement(JsonLd, { data: { '@context': 'https://schema.org', name: '</script><img src=x onerror=alert(1)>' } }));
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    const inner = html.replace(/^<script type="application\/ld\+json">/, '').replace(/<\/script>$/, '');
    expect(JSON.parse(inner).name).toBe('</script><img src=x onerror=alert(1)>');
  });
});

describe('JSON-LD for the site and its pages', () => {
  it('describes the council as a GovernmentOrganization and the site with a search action', () => {
    const data = siteJsonLd(site) as { '@graph': Array<Record<string, unknown>> };
    const [organization, website] = data['@graph'];
    expect(organization).toMatchObject({ '@type': 'GovernmentOrganization', name: 'London Borough of Barnet', url: site.councilWebsite });
    expect(website).toMatchObject({ '@type': 'WebSite', url: 'https://decisions.barnet.example/' });
    expect(JSON.stringify(website)).toContain('https://decisions.barnet.example/search?q={search_term_string}');
  });

  it('describes a post as an Article with headline, dates and publisher', () => {
    const post = decision({
      slug: 'last-night-in-hendon',
      title: 'Last night in Hendon',
      published: new Date('2011-03-03T00:00:00Z'),
      updated: new Date('2011-03-10T12:00:00Z'),
      tags: ['one-barnet'],
    });
    const data = decisionJsonLd(site, post, { slug: 'cabinet-resources-committee', name: 'Cabinet Resources Committee', kind: 'committee' });
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Article',
      headline: 'Last night in Hendon',
      // London time, with its offset (GMT in March 2011).
      datePublished: '2011-03-03T00:00:00+00:00',
      dateModified: '2011-03-10T12:00:00+00:00',
      url: 'https://decisions.barnet.example/decisions/last-night-in-hendon',
      publisher: { '@type': 'GovernmentOrganization', name: 'London Borough of Barnet' },
      keywords: 'one-barnet',
    });
  });

  it('gives a summer post its London date, not the UTC day before', () => {
    const post = decision({ slug: 'green-light', published: new Date('2011-06-29T23:00:00Z'), updated: new Date('2011-07-09T23:00:00Z') });
    const data = decisionJsonLd(site, post);
    expect(data.datePublished).toBe('2011-06-30T00:00:00+01:00');
    expect(data.dateModified).toBe('2011-07-10T00:00:00+01:00');
  });

  it('lists breadcrumbs with absolute addresses, ending with the page itself', () => {
    const data = breadcrumbJsonLd(
      site,
      [
        { href: '/', label: 'Decisions' },
        { href: '/archive', label: 'Decisions by year' },
      ],
      { href: '/archive/2011', label: '2011' },
    );
    expect(data).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Decisions', item: 'https://decisions.barnet.example/' },
        { '@type': 'ListItem', position: 2, name: 'Decisions by year', item: 'https://decisions.barnet.example/archive' },
        { '@type': 'ListItem', position: 3, name: '2011', item: 'https://decisions.barnet.example/archive/2011' },
      ],
    });
  });

  it('gives Open Graph its title, description, address, type, site name and locale', () => {
    expect(openGraphFor(site, { title: 'Topics', description: 'All topics', path: '/tags' })).toEqual({
      type: 'website',
      title: 'Topics',
      description: 'All topics',
      url: '/tags',
      siteName: 'One Barnet decisions',
      locale: 'en_GB',
    });
  });
});
