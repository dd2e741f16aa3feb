/**
 * The injection corpus (tests/fixtures/injection/payloads.ts) through the real pipeline:
 * renderMarkdown, a post through collectContent and the site's renderer, a feed entry, and
 * the frontmatter fields shown on pages and in feeds. The HTML output is parsed by parse5 (the
 * WHATWG parsing algorithm browsers follow) and the feeds by an XML reader, and what they built is
 * checked: no script, no event handler, no URL that is not http(s) or mailto, none of the
 * elements that load or run things, nothing that changes when parsed a second time.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { JsonLd } from '../../components/JsonLd';
import { SnippetText } from '../../components/SnippetText';
import { checkContentDir } from '../../lib/content/check';
import { collectContent, type ContentSet } from '../../lib/content/collect';
import type { Decision } from '../../lib/content/types';
import { renderFeed } from '../../lib/feeds/build';
import { siteFeed } from '../../lib/feeds/site-feeds';
import { buildIndexes } from '../../lib/records/indexes';
import { renderMarkdown } from '../../lib/markdown/render';
import { postSanitizeSchema } from '../../lib/markdown/sanitize-schema';
import { decisionHtml, type SiteRecords } from '../../lib/site';
import { elementsUnder, findingsOf, headAndBody, parseHtmlDocument, parseHtmlFragments, textOf, type ParsedHtml } from '../fixtures/injection/inspect';
import { badUrlPayloads, goodUrlPayloads, markdownPayloads, textPayloads } from '../fixtures/injection/payloads';
import { allElements, elementsByName, elementsByNameNS, localName, readXml, textContent } from '../fixtures/injection/xml';
import { contentFiles, glossaryFile, post, READ_LONG_AGO, SITE, textFile } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const SITE_ORIGIN = new URL(SITE.baseUrl).origin;
const GLOSSARY = [{ slug: 'business-case', phrases: ['business case', 'business cases'] }];
/** What the renderer may output: the schema's tags, plus its own links and hidden text. */
const ALLOWED_TAGS = new Set([...(postSanitizeSchema.tagNames ?? []), 'a', 'span']);

const RSS_CONTENT_NAMESPACE = 'http://purl.org/rss/1.0/modules/content/';

/** A feed's XML document, failing the test where it is not XML. */
function feedDocument(xml: string) {
  const read = readXml(xml);
  if ('error' in read) throw new Error(`The feed is not XML: ${read.error}`);
  return read.doc;
}

function records(content: ContentSet): SiteRecords {
  if (!content.site) throw new Error('no site settings');
  return {
    ...content,
    site: content.site,
    indexes: buildIndexes(content.decisions),
    visibility: { now: new Date('2030-01-01T00:00:00Z'), preview: false },
    readAt: READ_LONG_AGO,
  } as SiteRecords;
}

/** The first `<a>`s of parsed HTML that leave the site, with their rel and class. */
function offSiteLinks(parsed: ParsedHtml, pageUrl = `${SITE_ORIGIN}/decisions/x`): Array<{ href: string; rel?: string; class?: string; url: URL }> {
  return parsed.elements
    .filter((el) => el.tag === 'a')
    .map((el) => Object.fromEntries(el.attributes) as { href?: string; rel?: string; class?: string })
    .filter((attrs): attrs is { href: string; rel?: string; class?: string } => attrs.href !== undefined)
    .map((attrs) => ({ ...attrs, url: new URL(attrs.href, pageUrl) }))
    .filter((attrs) => (attrs.url.protocol === 'http:' || attrs.url.protocol === 'https:') && attrs.url.origin !== SITE_ORIGIN);
}

describe('the injection corpus', () => {
  it('has at least 40 payloads, each with its own id', () => {
    expect(markdownPayloads.length).toBeGreaterThanOrEqual(40);
    expect(new Set(markdownPayloads.map((p) => p.id)).size).toBe(markdownPayloads.length);
  });
});

describe('the inspection of parsed HTML', () => {
  // A control: markup that would run, load or leave the site is reported, so a payload that got
  // through the sanitiser would fail the tests below (they replaced a browser run of the corpus).
  it('reports what unsanitised HTML would run, load or follow', () => {
    const [parsed] = parseHtmlFragments([
      '<img src="/x" onerror="window.__pwned=1"><a href="javascript:alert(1)" onclick="alert(1)">x</a><svg><script>1</script></svg><p style="x">y</p>',
    ]);
    const findings = findingsOf(parsed!, { allowedTags: ALLOWED_TAGS });
    expect(findings).toEqual(
      expect.arrayContaining([
        'forbidden element <img>',
        'event handler onerror="window.__pwned=1" on <img>',
        'event handler onclick="alert(1)" on <a>',
        'href="javascript:alert(1)" on <a> resolves to javascript:',
        'forbidden element <svg>',
        'forbidden element <script>',
        'forbidden attribute style on <p>',
      ]),
    );
  });
});

describe('renderMarkdown: every payload, parsed as a browser parses it, is inert', () => {
  let parsed: Map<string, ParsedHtml>;
  beforeAll(() => {
    const htmls = markdownPayloads.map((p) => renderMarkdown(p.markdown, { siteOrigin: SITE_ORIGIN, glossary: GLOSSARY }));
    const results = parseHtmlFragments(htmls);
    parsed = new Map(markdownPayloads.map((p, i) => [p.id, results[i]!]));
  });

  it.each(markdownPayloads.map((p) => [p.id, p] as const))('%s', (id) => {
    const result = parsed.get(id)!;
    expect(findingsOf(result, { allowedTags: ALLOWED_TAGS })).toEqual([]);
    // Nothing of the payload's own markup is left as markup: no <script text either.
    expect(result.serialised).not.toMatch(/<script|<iframe|<svg|<math|<style|<img/i);
  });

  it('marks every link that leaves the site, however it is written, with rel="noopener noreferrer"', () => {
    const links = markdownPayloads.flatMap((p) => offSiteLinks(parsed.get(p.id)!).map((link) => ({ id: p.id, ...link })));
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) {
      expect(link.rel?.split(/\s+/).sort(), `${link.id}: ${link.href}`).toEqual(['noopener', 'noreferrer']);
      expect(link.class, `${link.id}: ${link.href}`).toBe('external-link');
      // Written out in full: no reader resolves it differently.
      expect(link.href, link.id).toMatch(/^https?:\/\//i);
    }
    // The look-alikes of the site's own address are among them.
    const hrefs = links.map((l) => l.url.hostname);
    expect(hrefs).toEqual(expect.arrayContaining(['evil.example', 'decisions.barnet.example.evil.example']));
  });
});

describe('a post made of each payload, through collectContent, the site renderer and the feed', () => {
  /** Each payload as the body of its own post, with a valid frontmatter. */
  const posts = markdownPayloads.map((p, i) => ({
    payload: p,
    file: post(
      { title: `Injection test ${i}`, date: '2011-06-30' },
      { name: `2011-06-30-injection-${i}`, body: `${p.markdown}\n\nThe business case was approved.\n` },
    ),
  }));
  let content: ContentSet;
  let parsedPages: ParsedHtml[];
  let parsedFeedEntries: ParsedHtml[];
  let published: Decision[];

  beforeAll(() => {
    content = collectContent(
      contentFiles(
        posts.map((p) => p.file),
        { glossary: [glossaryFile()] },
      ),
    );
    const site = records(content);
    published = content.decisions;
    parsedPages = parseHtmlFragments(published.map((d) => decisionHtml(site, d)));
    // The full post as it goes into the RSS feed (sanitised, links made absolute, in CDATA).
    const rss = renderFeed(site, siteFeed({ ...site, site: { ...site.site, feedEntryLimit: 1000 } }), 'rss').body;
    const entryHtml = elementsByName(feedDocument(rss), 'item').map((item) => {
      const encoded = elementsByNameNS(item, RSS_CONTENT_NAMESPACE, 'encoded')[0];
      return encoded ? textContent(encoded) : '';
    });
    expect(entryHtml.length).toBe(published.length);
    parsedFeedEntries = parseHtmlFragments(entryHtml);
  });

  it('publishes the harmless ones and refuses the ones content:check reports as errors', () => {
    // A post whose body only has raw HTML (which is dropped) is still published; a script
    // link is an error in content:check. Either way nothing unsafe reaches a page.
    expect(published.length).toBeGreaterThan(markdownPayloads.length / 2);
    const refused = posts.filter((p) => !published.some((d) => d.file === p.file.path));
    for (const { file } of refused) {
      expect(
        content.problems.some((problem) => problem.file === file.path && problem.severity === 'error'),
        file.path,
      ).toBe(true);
    }
  });

  it('renders every published post with nothing that runs, as the page shows it', () => {
    published.forEach((decision, i) => {
      expect(findingsOf(parsedPages[i]!, { allowedTags: ALLOWED_TAGS }), decision.file).toEqual([]);
    });
  });

  it('puts every published post into the feed with nothing that runs', () => {
    parsedFeedEntries.forEach((entry, i) => {
      expect(findingsOf(entry, { allowedTags: ALLOWED_TAGS }), `feed entry ${i}`).toEqual([]);
    });
  });

  it('reports script URLs in a body as errors in content:check', () => {
    for (const id of ['md-link-javascript', 'md-link-vbscript', 'md-link-data-html', 'md-ref-javascript', 'md-link-protocol-relative']) {
      const file = posts.find((p) => p.payload.id === id)!.file;
      expect(
        content.problems.some((p) => p.file === file.path && p.field === 'body' && p.severity === 'error'),
        id,
      ).toBe(true);
    }
  });
});

describe('frontmatter text shown on pages, in feeds and in search snippets stays text', () => {
  const fields = (text: string) => ({
    title: `Title ${text}`,
    summary: `Summary ${text}`,
    author: `Author ${text}`.slice(0, 100),
    decisions: [
      {
        subject: `Subject ${text}`,
        project: 'nscso',
        stage: 'business-case',
        outcome: 'approved',
        documents: [{ title: `Document ${text}`, url: 'https://barnet.moderngov.co.uk/x.pdf' }],
      },
    ],
    updates: [{ date: '2011-07-01', note: `Note ${text}` }],
  });

  it.each(textPayloads.map((t) => [t]))('keeps %j as plain text in the records', (text) => {
    const committee = textFile(
      'content/committees/cabinet-resources-committee.md',
      `---\nname: ${JSON.stringify(`Committee ${text}`)}\nsummary: ${JSON.stringify(`About ${text}`)}\n---\n\nBody.\n`,
    );
    const project = textFile(
      'content/projects/nscso.md',
      `---\nname: ${JSON.stringify(`Project ${text}`)}\nstatus: procurement\nsummary: ${JSON.stringify(`About ${text}`)}\nbusinessCase:\n  title: ${JSON.stringify(`Case ${text}`)}\n  url: "https://barnet.moderngov.co.uk/bc.pdf"\n---\n\nBody.\n`,
    );
    const content = collectContent(contentFiles([post(fields(text))], { committees: [committee], projects: [project] }));
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const [decision] = content.decisions;
    expect(decision?.title).toBe(`Title ${text}`);
    expect(decision?.summary).toBe(`Summary ${text}`);
    expect(decision?.items[0]?.subject).toBe(`Subject ${text}`);
    expect(decision?.items[0]?.documents[0]?.title).toBe(`Document ${text}`);
    expect(decision?.updates[0]?.note).toBe(`Note ${text}`);
    expect(content.committees.get('cabinet-resources-committee')?.name).toBe(`Committee ${text}`);
    expect(content.projects.get('nscso')?.name).toBe(`Project ${text}`);
    expect(content.projects.get('nscso')?.businessCase?.title).toBe(`Case ${text}`);
  });

  it('shows each text in a search snippet as text, never markup', () => {
    const htmls = textPayloads.map((text) =>
      renderToStaticMarkup(
        SnippetText({
          snippet: [
            { text: `before ${text}`, highlight: false },
            { text, highlight: true },
            { text: ' after', highlight: false },
          ],
        }),
      ),
    );
    const parsed = parseHtmlFragments(htmls);
    parsed.forEach((result, i) => {
      expect(findingsOf(result), textPayloads[i]).toEqual([]);
      expect(result.elements.map((el) => el.tag)).toEqual(['mark']);
    });
  });

  it('keeps each text inside the JSON-LD script, which only a JSON parser reads', () => {
    const data = textPayloads.map((text) => ({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: text, description: text }));
    const htmls = data.map((d) => renderToStaticMarkup(JsonLd({ data: d })));
    const seen = htmls.map((html) => {
      const { body } = headAndBody(parseHtmlDocument(`<!doctype html><body>${html}`));
      const elements = elementsUnder(body);
      const scripts = elements.filter((el) => el.tagName === 'script');
      return {
        count: elements.length,
        types: scripts.map((s) => s.attrs.find((a) => a.name === 'type')?.value ?? ''),
        text: scripts[0] ? textOf(scripts[0]) : '',
      };
    });
    seen.forEach((result, i) => {
      expect(result.count, textPayloads[i]).toBe(1);
      expect(result.types).toEqual(['application/ld+json']);
      expect(JSON.parse(result.text)).toEqual(data[i]);
    });
  });

  it('writes each text into the RSS and Atom feeds as text, and the feeds stay XML', () => {
    for (const format of ['rss', 'atom'] as const) {
      const bodies = textPayloads.map((text) => {
        const content = collectContent(contentFiles([post(fields(text))]));
        expect(content.decisions).toHaveLength(1);
        const site = records(content);
        return renderFeed(site, siteFeed(site), format).body;
      });
      const titles = bodies.map((xml) => {
        const read = readXml(xml);
        if ('error' in read) return { error: read.error };
        const entry = elementsByName(read.doc, format === 'rss' ? 'item' : 'entry')[0];
        const title = entry && elementsByName(entry, 'title')[0];
        let text = title ? textContent(title) : '';
        let markup: string[] = [];
        // An Atom title of type="html" is HTML: a reader shows what an HTML parser makes of it.
        if (title?.attribs.type === 'html') {
          const { body } = headAndBody(parseHtmlDocument(`<!doctype html><body>${text}`));
          markup = elementsUnder(body).map((el) => el.tagName);
          text = textOf(body);
        }
        return { title: text, markup, elements: entry ? allElements(entry).map(localName) : [] };
      });
      titles.forEach((result, i) => {
        expect(result, `${format}: ${textPayloads[i]}`).not.toHaveProperty('error');
        expect(result.title).toBe(`Title ${textPayloads[i]}`);
        expect(result.markup).toEqual([]);
        expect(result.elements).not.toContain('script');
      });
    }
  });
});

describe('front matter in another language (---js, ---coffee) is refused, never run', () => {
  // gray-matter, which split posts until recently and is still installed, evaluates `---js`
  // front matter with eval(). lib/content/frontmatter.ts refuses any file whose first line is not
  // exactly `---`, so no such text reaches any parser, whichever splits the file.
  it.each([
    ['---js', `---js\n({ title: (globalThis.__pwned = 1, 'x') })\n---\n\nText.\n`],
    ['---javascript', `---javascript\n({ title: (globalThis.__pwned = 1, 'x') })\n---\n\nText.\n`],
    ['--- js', `--- js\n({ title: (globalThis.__pwned = 1, 'x') })\n---\n\nText.\n`],
    ['---coffee', `---coffee\ntitle: 'x'\n---\n\nText.\n`],
    ['BOM then ---js', `\uFEFF---js\n({ title: (globalThis.__pwned = 1, 'x') })\n---\n\nText.\n`],
  ])('%s is refused, and its code does not run', (_label, text) => {
    const content = collectContent(contentFiles([textFile('content/decisions/2011-06-30-js.md', text)]));
    expect((globalThis as Record<string, unknown>).__pwned).toBeUndefined();
    expect(content.decisions).toEqual([]);
    expect(content.problems.some((p) => p.file === 'content/decisions/2011-06-30-js.md' && p.field === 'frontmatter' && p.severity === 'error')).toBe(true);
  });
});

describe('addresses in frontmatter must be http(s)', () => {
  const withDocumentUrl = (url: string) =>
    post({
      decisions: [{ subject: 'A report', project: 'nscso', stage: 'business-case', outcome: 'approved', documents: [{ title: 'The report', url }] }],
    });
  const projectWithBusinessCaseUrl = (url: string) =>
    textFile(
      'content/projects/nscso.md',
      `---\nname: "New Support and Customer Service Organisation"\nstatus: procurement\nsummary: "A project."\nbusinessCase:\n  title: "The business case"\n  url: ${JSON.stringify(url)}\n---\n\nBody.\n`,
    );
  const committeeWithWebsite = (url: string) =>
    textFile(
      'content/committees/cabinet-resources-committee.md',
      `---\nname: "Cabinet Resources Committee"\nsummary: "Money."\nwebsite: ${JSON.stringify(url)}\n---\n\nBody.\n`,
    );

  it.each(badUrlPayloads.map((u) => [u]))('refuses %j as a document url, a business case url and a committee website', (url) => {
    const asDocument = collectContent(contentFiles([withDocumentUrl(url)]));
    expect(asDocument.decisions).toEqual([]);
    expect(asDocument.problems.some((p) => p.severity === 'error' && p.field === 'decisions[0].documents[0].url')).toBe(true);

    const asBusinessCase = collectContent(contentFiles([post()], { projects: [projectWithBusinessCaseUrl(url)] }));
    expect(asBusinessCase.projects.has('nscso')).toBe(false);
    expect(asBusinessCase.problems.some((p) => p.severity === 'error' && p.field === 'businessCase.url')).toBe(true);

    const asWebsite = collectContent(contentFiles([post()], { committees: [committeeWithWebsite(url)] }));
    expect(asWebsite.committees.has('cabinet-resources-committee')).toBe(false);
    expect(asWebsite.problems.some((p) => p.severity === 'error' && p.field === 'website')).toBe(true);
  });

  it.each(goodUrlPayloads.map((u) => [u]))('accepts %j', (url) => {
    expect(collectContent(contentFiles([withDocumentUrl(url)])).decisions).toHaveLength(1);
    expect(collectContent(contentFiles([post()], { projects: [projectWithBusinessCaseUrl(url)] })).projects.get('nscso')?.businessCase?.url).toBe(url);
  });

  it('makes npm run content:check fail on a javascript: document url and a data: business case url', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'security-content-'));
    try {
      await cp(FIXTURE_CONTENT, root, { recursive: true });
      const bad = withDocumentUrl('javascript:window.__pwned=1');
      await writeFile(path.join(root, 'decisions', '2011-06-30-injected.md'), bad.bytes);
      const project = path.join(root, 'projects', 'nscso.md');
      await writeFile(project, projectWithBusinessCaseUrl('data:text/html,<script>window.__pwned=1</script>').bytes);
      const report = await checkContentDir(root);
      expect(report.errors).toBeGreaterThan(0);
      const fields = report.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}: ${p.field}`);
      expect(fields).toEqual(
        expect.arrayContaining(['content/decisions/2011-06-30-injected.md: decisions[0].documents[0].url', 'content/projects/nscso.md: businessCase.url']),
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
