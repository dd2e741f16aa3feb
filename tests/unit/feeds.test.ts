/**
 * The feeds, read back with parsers that did not write them: fast-xml-parser for RSS and Atom,
 * JSON.parse plus ajv against a JSON Feed 1.1 schema written from the specification
 * (https://www.jsonfeed.org/version/1.1/). Records are built through the real pipeline:
 * collectContent → visibleDecisions (the chokepoint) → buildIndexes.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import type { ContentFile } from '../../lib/content/types';
import { dataRepresentation } from '../../lib/data/export';
import { feedEntry } from '../../lib/feeds/build';
import {
  committeeFeed,
  feedCatalogue,
  feedRepresentation,
  FEED_FORMATS,
  projectFeed,
  siteFeed,
  tagFeed,
  type FeedFormat,
  type FeedRef,
} from '../../lib/feeds/site-feeds';
import { cleanText } from '../../lib/feeds/text';
import { parseFilter, vocabularyOf } from '../../lib/filters/vocabulary';
import type { SiteRecords } from '../../lib/site';
import { committeeFile, contentFiles, post, SITE, textFile, siteRecordsOf } from './helpers';

// ---------------------------------------------------------------- fixtures

const BASE = SITE.baseUrl;
const url = (slug: string) => `${BASE}/decisions/${slug}`;
const CONTROLS = '\u0001\u0008\u000B\u000C\u001F\u007F\uFFFE\uFFFF';

/** Every character a feed must survive. The expected text is the same without the controls. */
const AWKWARD_TITLE_SHOWN = `Fees & <charges> &amp; "quoted" 'single' ]]> one ]]> two 🎉 العربية 中文`;
const AWKWARD_TITLE = `${AWKWARD_TITLE_SHOWN}${CONTROLS} end`;
const AWKWARD_TITLE_EXPECTED = `${AWKWARD_TITLE_SHOWN} end`;
const AWKWARD_SUMMARY = `A summary with & < > " ' ]]> and ]]> 👩🏽‍💻 مرحبا 你好${CONTROLS}.`;
// A literal "&amp;" too: the XML writer's un-escaping of &amp; must not turn it into "&".
const AWKWARD_AUTHOR = `Ann & <Bo> &amp; "A" 'x' ]]>`;
const AWKWARD_COMMITTEE = `Fees & <Charges> &amp; "Board" 'B' ]]>`;
/** What an entry's summary adds: who decided, and the meeting the awkward post gives. */
const AWKWARD_DECIDED_BY = `Decided by ${AWKWARD_COMMITTEE} at its meeting on 29 June 2011.`;
const AWKWARD_BODY = [
  `Body & < > " ' ]]> and ]]> again ]]]]> 🎉 العربية 中文 ${CONTROLS} controls.`,
  '',
  '[a relative link](/decisions/2011-03-01-older), [a fragment](#a) and [outside](https://example.org/?a=1&b=2).',
  '',
].join('\n');

const awkwardCommittee = (): ContentFile =>
  textFile(
    'content/committees/awkward-committee.md',
    `---\n${stringify({ name: AWKWARD_COMMITTEE, summary: 'A body with an awkward name.' })}---\n\nWhat it is for.\n`,
  );

const posts = {
  awkward: () =>
    post(
      {
        title: AWKWARD_TITLE,
        date: '2011-07-01T09:30',
        summary: AWKWARD_SUMMARY,
        committee: 'awkward-committee',
        author: AWKWARD_AUTHOR,
        decisions: [
          {
            subject: 'Option <A> & =SUM(1)',
            project: 'nscso',
            stage: 'procurement',
            outcome: 'agreed',
            documents: [{ title: 'Paper & <1>', url: 'https://example.org/a?x=1&y=2' }],
          },
          { subject: 'Second item', project: 'drs', stage: 'policy', outcome: 'deferred' },
        ],
        tags: ['one-barnet', 'awkward'],
      },
      { name: '2011-07-01-awkward', body: AWKWARD_BODY },
    ),
  corrected: () =>
    post({ title: 'A corrected post', updates: [{ date: '2011-07-10', note: 'The meeting date was wrong.' }] }, { name: '2011-06-30-corrected' }),
  older: () =>
    post(
      {
        title: 'An older post',
        date: '2011-03-01',
        meeting: undefined,
        decisions: [{ subject: 'DRS options', project: 'drs', stage: 'options-appraisal', outcome: 'noted' }],
        tags: ['outsourcing'],
      },
      { name: '2011-03-01-older' },
    ),
  draft: () => post({ title: 'A secret draft', date: '2011-05-01', draft: true, tags: ['secret-tag'] }, { name: '2011-05-01-draft' }),
  scheduled: () => post({ title: 'A scheduled post', date: '2011-08-01T09:00', tags: ['future-tag'] }, { name: '2011-08-01-scheduled' }),
};

const NOW = new Date('2011-07-20T12:00:00Z');
const PUBLISHED_SLUGS = ['2011-07-01-awkward', '2011-06-30-corrected', '2011-03-01-older'];

function recordsFrom(decisions: ContentFile[], { now = NOW, site = {} as Record<string, unknown> } = {}): SiteRecords {
  const content = collectContent(
    contentFiles(decisions, {
      committees: [committeeFile(), awkwardCommittee()],
      site: textFile('content/site.json', JSON.stringify({ ...SITE, ...site })),
    }),
  );
  return siteRecordsOf(content, now);
}

const allPosts = () => [posts.awkward(), posts.corrected(), posts.older(), posts.draft(), posts.scheduled()];

// ---------------------------------------------------------------- independent readers

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (_name, jpath) =>
    [
      'rss.channel.item',
      'rss.channel.item.category',
      'rss.channel.atom:link',
      'feed.entry',
      'feed.entry.category',
      'feed.entry.link',
      'feed.link',
      'feed.entry.author',
    ].includes(String(jpath)),
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a parsed feed has no static shape; the assertions check it
type Xml = Record<string, any>;
const textOf = (node: unknown): string => (typeof node === 'string' ? node : ((node as Xml | undefined)?.['#text'] ?? ''));
/** Decodes what escapeHtml writes, independently of the code under test. */
const decodeHtml = (html: string) => html.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function render(records: SiteRecords, ref: FeedRef, format: FeedFormat): string {
  const representation = feedRepresentation(records, ref, format);
  if (!representation) throw new Error(`No feed ${JSON.stringify(ref)}`);
  return String(representation.body);
}

function parseXml(xml: string): Xml {
  expect(XMLValidator.validate(xml)).toBe(true);
  expect(xml).not.toMatch(FORBIDDEN_IN_XML);
  // fast-xml-parser accepts a raw < in an attribute; XML does not.
  for (const [, value] of xml.matchAll(/\s[\w:]+="([^"]*)"/g)) expect(value).not.toContain('<');
  return parser.parse(xml) as Xml;
}

const rssItems = (xml: string): Xml[] => parseXml(xml).rss.channel.item ?? [];
const atomEntries = (xml: string): Xml[] => parseXml(xml).feed.entry ?? [];

// JSON Feed 1.1, from https://www.jsonfeed.org/version/1.1/ (extensions start with "_").
const uri = { type: 'string', format: 'uri' };
const author = {
  type: 'object',
  properties: { name: { type: 'string' }, url: uri, avatar: uri },
  anyOf: [{ required: ['name'] }, { required: ['url'] }, { required: ['avatar'] }],
  patternProperties: { '^_[a-zA-Z]': {} },
  additionalProperties: false,
};
const language = { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' };
const JSON_FEED_1_1_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  // home_page_url and feed_url: "should be considered required for feeds on the public web".
  required: ['version', 'title', 'items', 'home_page_url', 'feed_url'],
  properties: {
    version: { const: 'https://jsonfeed.org/version/1.1' },
    title: { type: 'string' },
    home_page_url: uri,
    feed_url: uri,
    description: { type: 'string' },
    user_comment: { type: 'string' },
    next_url: uri,
    icon: uri,
    favicon: uri,
    authors: { type: 'array', items: author },
    author,
    language,
    expired: { type: 'boolean' },
    hubs: { type: 'array', items: { type: 'object', required: ['type', 'url'], properties: { type: { type: 'string' }, url: uri } } },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id'],
        anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
        properties: {
          id: { type: 'string', minLength: 1 },
          url: uri,
          external_url: uri,
          title: { type: 'string' },
          content_html: { type: 'string' },
          content_text: { type: 'string' },
          summary: { type: 'string' },
          image: uri,
          banner_image: uri,
          date_published: { type: 'string', format: 'date-time' },
          date_modified: { type: 'string', format: 'date-time' },
          authors: { type: 'array', items: author },
          author,
          tags: { type: 'array', items: { type: 'string' } },
          language,
          attachments: {
            type: 'array',
            items: {
              type: 'object',
              required: ['url', 'mime_type'],
              properties: {
                url: uri,
                mime_type: { type: 'string' },
                title: { type: 'string' },
                size_in_bytes: { type: 'number' },
                duration_in_seconds: { type: 'number' },
              },
            },
          },
        },
        patternProperties: { '^_[a-zA-Z]': {} },
        additionalProperties: false,
      },
    },
  },
  patternProperties: { '^_[a-zA-Z]': {} },
  additionalProperties: false,
};

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
const validateJsonFeed = ajv.compile(JSON_FEED_1_1_SCHEMA);

function parseJsonFeed(text: string): Xml {
  const feed = JSON.parse(text) as Xml;
  const valid = validateJsonFeed(feed);
  expect(validateJsonFeed.errors ?? [], JSON.stringify(validateJsonFeed.errors)).toEqual([]);
  expect(valid).toBe(true);
  return feed;
}

function refsOf(records: SiteRecords): FeedRef[] {
  return feedCatalogue(records).map((f) => (f.kind === 'site' ? { kind: 'site' } : { kind: f.kind, slug: f.slug! }));
}

/** The ids of a feed's entries in each format, read back by the independent parsers. */
function idsIn(records: SiteRecords, ref: FeedRef): Record<FeedFormat, string[]> {
  return {
    rss: rssItems(render(records, ref, 'rss')).map((i) => textOf(i.guid)),
    atom: atomEntries(render(records, ref, 'atom')).map((e) => textOf(e.id)),
    json: (parseJsonFeed(render(records, ref, 'json')).items as Xml[]).map((i) => i.id as string),
  };
}

// ---------------------------------------------------------------- tests

describe('every feed parses with an independent parser', () => {
  const records = recordsFrom(allPosts());
  const refs = refsOf(records);

  it('lists the site feed and one per committee, project and visible tag', () => {
    const keys = refs.map((r) => (r.kind === 'site' ? 'site' : `${r.kind}:${r.slug}`));
    expect(keys).toContain('site');
    expect(keys).toEqual(
      expect.arrayContaining([
        'committee:cabinet-resources-committee',
        'committee:awkward-committee',
        'project:nscso',
        'project:drs',
        'tag:one-barnet',
        'tag:awkward',
        'tag:outsourcing',
      ]),
    );
    // A tag used only by a draft or a scheduled post does not exist yet.
    expect(keys).not.toContain('tag:secret-tag');
    expect(keys).not.toContain('tag:future-tag');
  });

  it.each(FEED_FORMATS)('%s: every feed is well-formed and valid', (format) => {
    for (const ref of refs) {
      const body = render(records, ref, format);
      if (format === 'json') parseJsonFeed(body);
      else parseXml(body);
    }
  });

  it('is RSS 2.0 with a self link, language en-GB and the channel updated at the newest entry', () => {
    const channel = parseXml(render(records, { kind: 'site' }, 'rss')).rss.channel;
    expect(parseXml(render(records, { kind: 'site' }, 'rss')).rss['@version']).toBe('2.0');
    expect(channel.language).toBe('en-GB');
    expect(channel['atom:link']).toEqual([{ '@href': `${BASE}/feed.xml`, '@rel': 'self', '@type': 'application/rss+xml' }]);
    expect(channel.link).toBe(`${BASE}/`);
    // The corrected post was updated on 10 July (London), after every publication.
    expect(new Date(channel.lastBuildDate).toISOString()).toBe('2011-07-09T23:00:00.000Z');
  });

  it('is Atom 1.0 with a self link, xml:lang en-GB, an author and the feed updated at the newest entry', () => {
    const feed = parseXml(render(records, { kind: 'committee', slug: 'cabinet-resources-committee' }, 'atom')).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed['@xml:lang']).toBe('en-GB');
    expect(feed.link).toEqual(
      expect.arrayContaining([
        { '@rel': 'self', '@href': `${BASE}/committees/cabinet-resources-committee/atom.xml` },
        { '@rel': 'alternate', '@href': `${BASE}/committees/cabinet-resources-committee` },
      ]),
    );
    expect(feed.id).toBe(`${BASE}/committees/cabinet-resources-committee`);
    expect(feed.author.name).toBe(SITE.councilName);
    expect(feed.updated).toBe('2011-07-09T23:00:00.000Z');
  });

  it('is JSON Feed 1.1 with feed_url, home_page_url, language and authors', () => {
    const feed = parseJsonFeed(render(records, { kind: 'project', slug: 'drs' }, 'json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${BASE}/projects/drs/feed.json`);
    expect(feed.home_page_url).toBe(`${BASE}/projects/drs`);
    expect(feed.language).toBe('en-GB');
    expect(feed.authors).toEqual([{ name: SITE.councilName, url: SITE.councilWebsite }]);
    expect(Object.keys(feed)[0]).toBe('version');
  });
});

describe('entries', () => {
  const records = recordsFrom(allPosts());

  it('match the published posts, newest first, in every format; drafts and scheduled posts are absent', () => {
    const expected = PUBLISHED_SLUGS.map(url);
    expect(idsIn(records, { kind: 'site' })).toEqual({ rss: expected, atom: expected, json: expected });
    for (const format of FEED_FORMATS) {
      for (const ref of refsOf(records)) {
        const body = render(records, ref, format);
        expect(body).not.toContain('2011-05-01-draft');
        expect(body).not.toContain('A secret draft');
        expect(body).not.toContain('2011-08-01-scheduled');
        expect(body).not.toContain('A scheduled post');
      }
    }
  });

  it('match each committee, project and tag', () => {
    const same = (list: string[]) => ({ rss: list.map(url), atom: list.map(url), json: list.map(url) });
    expect(idsIn(records, { kind: 'committee', slug: 'awkward-committee' })).toEqual(same(['2011-07-01-awkward']));
    expect(idsIn(records, { kind: 'committee', slug: 'cabinet-resources-committee' })).toEqual(same(['2011-06-30-corrected', '2011-03-01-older']));
    // The awkward post has two items of different projects; the older one item of DRS.
    expect(idsIn(records, { kind: 'project', slug: 'drs' })).toEqual(same(['2011-07-01-awkward', '2011-03-01-older']));
    expect(idsIn(records, { kind: 'project', slug: 'nscso' })).toEqual(same(['2011-07-01-awkward', '2011-06-30-corrected']));
    expect(idsIn(records, { kind: 'tag', slug: 'outsourcing' })).toEqual(same(['2011-06-30-corrected', '2011-03-01-older']));
    expect(idsIn(records, { kind: 'tag', slug: 'awkward' })).toEqual(same(['2011-07-01-awkward']));
  });

  it('a project with two items in one post lists the post once', () => {
    const twice = post(
      {
        title: 'Two NSCSO items',
        decisions: [
          { subject: 'First', project: 'nscso', stage: 'procurement', outcome: 'agreed' },
          { subject: 'Second', project: 'nscso', stage: 'policy', outcome: 'noted' },
        ],
      },
      { name: '2011-06-30-twice' },
    );
    const r = recordsFrom([twice]);
    expect(idsIn(r, { kind: 'project', slug: 'nscso' }).json).toEqual([url('2011-06-30-twice')]);
  });

  it('keep the newest N entries (site.feedEntryLimit)', () => {
    const limited = recordsFrom(allPosts(), { site: { feedEntryLimit: 2 } });
    const expected = PUBLISHED_SLUGS.slice(0, 2).map(url);
    expect(idsIn(limited, { kind: 'site' })).toEqual({ rss: expected, atom: expected, json: expected });
    expect(siteFeed(limited).decisions).toHaveLength(2);
  });

  it('have permanent ids that do not change when the title does', () => {
    const before = idsIn(recordsFrom([posts.corrected()]), { kind: 'site' });
    const renamed = post(
      { title: 'A completely new headline', updates: [{ date: '2011-07-10', note: 'The meeting date was wrong.' }] },
      { name: '2011-06-30-corrected' },
    );
    const after = idsIn(recordsFrom([renamed]), { kind: 'site' });
    expect(after).toEqual(before);
    expect(before.rss).toEqual([url('2011-06-30-corrected')]);
    // The RSS guid is the permalink.
    const item = rssItems(render(recordsFrom([renamed]), { kind: 'site' }, 'rss'))[0]!;
    expect(item.guid['@isPermaLink']).toBe('true');
    expect(textOf(item.link)).toBe(url('2011-06-30-corrected'));
  });

  it('give published and updated times; a correction bumps updated', () => {
    const rss = rssItems(render(records, { kind: 'site' }, 'rss'));
    const atom = atomEntries(render(records, { kind: 'site' }, 'atom'));
    const json = parseJsonFeed(render(records, { kind: 'site' }, 'json')).items as Xml[];
    // 2011-07-01T09:30 in London (BST) is 08:30Z.
    expect(new Date(rss[0]!.pubDate).toISOString()).toBe('2011-07-01T08:30:00.000Z');
    expect(atom[0]!.published).toBe('2011-07-01T08:30:00.000Z');
    expect(atom[0]!.updated).toBe('2011-07-01T08:30:00.000Z');
    expect(json[0]!.date_published).toBe('2011-07-01T08:30:00.000Z');
    expect(json[0]!.date_modified).toBe('2011-07-01T08:30:00.000Z');
    // The corrected post: published 30 June, corrected 10 July (London midnight, BST).
    expect(new Date(rss[1]!.pubDate).toISOString()).toBe('2011-06-29T23:00:00.000Z');
    expect(atom[1]!.published).toBe('2011-06-29T23:00:00.000Z');
    expect(atom[1]!.updated).toBe('2011-07-09T23:00:00.000Z');
    expect(json[1]!.date_published).toBe('2011-06-29T23:00:00.000Z');
    expect(json[1]!.date_modified).toBe('2011-07-09T23:00:00.000Z');
    // Without the correction, updated is the publication time.
    const uncorrected = parseJsonFeed(render(recordsFrom([post({ title: 'A corrected post' }, { name: '2011-06-30-corrected' })]), { kind: 'site' }, 'json'));
    expect(uncorrected.items[0].date_modified).toBe('2011-06-29T23:00:00.000Z');
  });

  it('carry categories: committee, projects, stage and outcome labels, and tags', () => {
    const expected = [
      AWKWARD_COMMITTEE,
      'New Support and Customer Service Organisation',
      'Development and Regulatory Services',
      'Procurement',
      'Policy',
      'Agreed',
      'Deferred',
      'One barnet',
      'Awkward',
    ];
    const rss = rssItems(render(records, { kind: 'site' }, 'rss'))[0]!;
    expect(rss.category.map(textOf)).toEqual(expected);
    expect(rss.category[0]['@domain']).toBe(`${BASE}/committees`);
    const atom = atomEntries(render(records, { kind: 'site' }, 'atom'))[0]!;
    expect(atom.category.map((c: Xml) => c['@term'])).toEqual(expected);
    expect(atom.category[1]['@scheme']).toBe(`${BASE}/projects`);
    const json = parseJsonFeed(render(records, { kind: 'site' }, 'json')).items[0];
    expect(json.tags).toEqual(expected);
  });

  it('name the author where the post gives one, and only then', () => {
    const rss = rssItems(render(records, { kind: 'site' }, 'rss'));
    expect(rss[0]!['dc:creator']).toBe(AWKWARD_AUTHOR);
    expect(rss[1]!['dc:creator']).toBeUndefined();
    expect(rss[0]!.author).toBeUndefined(); // RSS's <author> must be an email address
    const atom = atomEntries(render(records, { kind: 'site' }, 'atom'));
    expect(atom[0]!.author).toEqual([{ name: AWKWARD_AUTHOR }]);
    expect(atom[1]!.author).toBeUndefined();
    const json = parseJsonFeed(render(records, { kind: 'site' }, 'json')).items as Xml[];
    expect(json[0]!.authors).toEqual([{ name: AWKWARD_AUTHOR }]);
    expect(json[1]!.authors).toBeUndefined();
  });

  it('hold the summary and the full post as HTML, with absolute links', () => {
    const entry = feedEntry(records, records.indexes.bySlug.get('2011-07-01-awkward')!);
    expect(entry.html).toContain(`href="${BASE}/decisions/2011-03-01-older"`);
    expect(entry.html).toContain(`href="${url('2011-07-01-awkward')}#a"`);
    expect(entry.html).toMatch(/href="https:\/\/example\.org\/\?a=1&(amp;|#x26;)b=2"/);
    expect(entry.html).not.toMatch(/href="\//);
    const json = parseJsonFeed(render(records, { kind: 'site' }, 'json')).items[0];
    expect(json.content_html).toBe(entry.html);
    // The post's summary, then who decided (lib/records/makers.ts), escaped only by each format.
    expect(json.summary).toBe(cleanText(`${AWKWARD_SUMMARY} ${AWKWARD_DECIDED_BY}`));
    expect(json.url).toBe(url('2011-07-01-awkward'));
  });
});

describe('escaping: whatever the text holds, the feed stays valid and says it exactly', () => {
  const records = recordsFrom(allPosts());
  const summaryExpected = `${AWKWARD_SUMMARY} ${AWKWARD_DECIDED_BY}`.replace(CONTROLS, '');
  const entryHtml = () => feedEntry(records, records.indexes.bySlug.get('2011-07-01-awkward')!).html;

  it('the fixture really holds the awkward characters', () => {
    const decision = records.indexes.bySlug.get('2011-07-01-awkward')!;
    expect(decision.title).toBe(AWKWARD_TITLE);
    expect(decision.body).toContain(CONTROLS);
    expect(entryHtml()).toContain(']]');
    expect(entryHtml()).not.toMatch(FORBIDDEN_IN_XML);
  });

  it('RSS: title as plain text, description as escaped HTML, content as HTML, all exact', () => {
    const item = rssItems(render(records, { kind: 'site' }, 'rss'))[0]!;
    expect(item.title).toBe(AWKWARD_TITLE_EXPECTED);
    expect(decodeHtml(item.description)).toBe(summaryExpected);
    expect(item['content:encoded']).toBe(entryHtml().trim());
  });

  it('Atom: title and summary as escaped HTML (type="html"), content as HTML, all exact', () => {
    const entry = atomEntries(render(records, { kind: 'site' }, 'atom'))[0]!;
    expect(entry.title['@type']).toBe('html');
    expect(decodeHtml(textOf(entry.title))).toBe(AWKWARD_TITLE_EXPECTED);
    expect(decodeHtml(textOf(entry.summary))).toBe(summaryExpected);
    expect(textOf(entry.content)).toBe(entryHtml().trim());
  });

  it('JSON Feed: plain text fields exact, without control characters', () => {
    const item = parseJsonFeed(render(records, { kind: 'site' }, 'json')).items[0];
    expect(item.title).toBe(AWKWARD_TITLE_EXPECTED);
    expect(item.summary).toBe(summaryExpected);
    expect(item.content_html).toBe(entryHtml());
  });

  it('a channel title from a committee name with & < > " \' and ]]> survives', () => {
    const rss = parseXml(render(records, { kind: 'committee', slug: 'awkward-committee' }, 'rss')).rss.channel;
    expect(rss.title).toBe(`${AWKWARD_COMMITTEE}: decisions – ${SITE.siteTitle}`);
    const atom = parseXml(render(records, { kind: 'committee', slug: 'awkward-committee' }, 'atom')).feed;
    expect(textOf(atom.title)).toBe(`${AWKWARD_COMMITTEE}: decisions – ${SITE.siteTitle}`);
  });

  it('many ]]> in a row cannot close a CDATA section early', () => {
    const body = render(records, { kind: 'site' }, 'rss');
    // Every CDATA section closes where the writer meant it to: outside one, no ]]> is left over.
    const outside = body.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outside).not.toContain(']]>');
    expect(outside).not.toContain('<![CDATA[');
  });
});

describe('scheduled posts and memoisation', () => {
  it('a scheduled post appears once its time has come, with no rebuild of the content', () => {
    const files = allPosts();
    const before = recordsFrom(files, { now: new Date('2011-07-31T12:00:00Z') });
    const after = recordsFrom(files, { now: new Date('2011-08-01T09:00:00+01:00') });
    expect(idsIn(before, { kind: 'site' }).json).not.toContain(url('2011-08-01-scheduled'));
    expect(idsIn(after, { kind: 'site' }).json[0]).toBe(url('2011-08-01-scheduled'));
    expect(idsIn(after, { kind: 'site' }).json).not.toContain(url('2011-05-01-draft'));
    expect(tagFeed(before, 'future-tag')).toBeUndefined();
    expect(tagFeed(after, 'future-tag')?.decisions).toHaveLength(1);
  });

  it('renders each feed once per visible set', () => {
    const records = recordsFrom(allPosts());
    const first = feedRepresentation(records, { kind: 'site' }, 'rss');
    expect(feedRepresentation(records, { kind: 'site' }, 'rss')).toBe(first);
    expect(feedRepresentation(records, { kind: 'site' }, 'atom')).not.toBe(first);
    const later = recordsFrom(allPosts(), { now: new Date('2011-08-02T00:00:00Z') });
    expect(feedRepresentation(later, { kind: 'site' }, 'rss')).not.toBe(first);
  });

  it('keeps the open data once per visible set too, and a scheduled post going live is in the next set', () => {
    const before = recordsFrom(allPosts(), { now: new Date('2011-07-31T12:00:00Z') });
    const json = dataRepresentation(before, 'json');
    expect(dataRepresentation(before, 'json')).toBe(json);
    expect(String(json.body)).not.toContain('2011-08-01-scheduled');
    const after = recordsFrom(allPosts(), { now: new Date('2011-08-01T09:00:00+01:00') });
    expect(String(dataRepresentation(after, 'json').body)).toContain('2011-08-01-scheduled');
  });

  it('gives the same bytes and ETag for the same content (no clock in the body)', () => {
    const a = feedRepresentation(recordsFrom(allPosts()), { kind: 'site' }, 'atom')!;
    const b = feedRepresentation(recordsFrom(allPosts()), { kind: 'site' }, 'atom')!;
    expect(b.body).toBe(a.body);
    expect(b.etag).toBe(a.etag);
    expect(a.lastModified.toISOString()).toBe('2011-07-09T23:00:00.000Z');
  });
});

describe('unknown and odd feeds', () => {
  const records = recordsFrom(allPosts());

  it('answer undefined (the route gives 404) for an unknown committee, project or tag', () => {
    expect(committeeFeed(records, 'no-such-committee')).toBeUndefined();
    expect(projectFeed(records, 'no-such-project')).toBeUndefined();
    expect(tagFeed(records, 'no-such-tag')).toBeUndefined();
    expect(feedRepresentation(records, { kind: 'committee', slug: 'no-such-committee' }, 'rss')).toBeUndefined();
  });

  it('never look up a slug that is not a slug', () => {
    for (const slug of ['../etc/passwd', 'Cabinet', 'a--b', '', '%2e%2e', 'x'.repeat(500), '__proto__', 'constructor']) {
      expect(feedRepresentation(records, { kind: 'committee', slug }, 'rss')).toBeUndefined();
      expect(feedRepresentation(records, { kind: 'tag', slug }, 'json')).toBeUndefined();
    }
  });

  it('a committee with no published decisions has a valid, empty feed', () => {
    const r = recordsFrom([posts.older()]);
    expect(rssItems(render(r, { kind: 'committee', slug: 'awkward-committee' }, 'rss'))).toEqual([]);
    expect(atomEntries(render(r, { kind: 'committee', slug: 'awkward-committee' }, 'atom'))).toEqual([]);
    expect(parseJsonFeed(render(r, { kind: 'committee', slug: 'awkward-committee' }, 'json')).items).toEqual([]);
  });
});

describe('filtered views of the site feed', () => {
  it('every format parses (JSON Feed against its schema) and the three hold the same entries', () => {
    const records = recordsFrom(allPosts());
    for (const query of ['outcome=agreed', 'committee=cabinet-resources-committee', 'from=2011-06-30', 'to=2011-03-01', 'tag=one-barnet&outcome=approved']) {
      const result = parseFilter(new URLSearchParams(query), vocabularyOf(records));
      expect(result.ok, query).toBe(true);
      if (!result.ok) continue;
      const body = (format: FeedFormat) => String(feedRepresentation(records, { kind: 'site' }, format, result.filter)!.body);
      const json = parseJsonFeed(body('json'));
      const ids = (json.items as Xml[]).map((i) => i.id as string);
      expect(
        rssItems(body('rss')).map((i) => textOf(i.guid)),
        query,
      ).toEqual(ids);
      expect(
        atomEntries(body('atom')).map((e) => textOf(e.id)),
        query,
      ).toEqual(ids);
      expect(json.feed_url).toBe(`${BASE}/feed.json?${result.query}`);
      for (const id of ids) expect(PUBLISHED_SLUGS.map(url)).toContain(id);
    }
  });
});
