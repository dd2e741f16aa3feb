/**
 * Debian's feedparser (the parser most feed readers' behaviour is measured against) and
 * Python's expat (a strict XML parser) read every XML feed: the bundled content's and a set
 * of posts whose titles and bodies hold every awkward character. No bozo flag, every entry.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { ContentFile } from '../../lib/content/types';
import { feedCatalogue, feedRepresentation, type FeedRef } from '../../lib/feeds/site-feeds';
import { parseFilter, vocabularyOf } from '../../lib/filters/vocabulary';
import { matchingDecisions } from '../../lib/filters/match';
import type { SiteRecords } from '../../lib/site';
import { committeeFile, contentFiles, post, SITE, textFile, siteRecordsOf } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const PYTHON = '/usr/bin/python3';

function python(script: string, input: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(PYTHON, ['-c', script], { input, encoding: 'utf8', timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const hasPython = existsSync(PYTHON);
const hasFeedparser = hasPython && python('import feedparser', '').status === 0;
/**
 * A developer's machine may lack Debian's feedparser, and the tests then say so by skipping. In
 * CI (.ci/run installs it) a missing parser fails instead: a check that silently did not run
 * must never pass.
 */
const runParserChecks = hasFeedparser || process.env.CI === 'true' || process.env.CI === '1';

describe('the independent parsers', () => {
  it.runIf(runParserChecks)('are installed (apt-get install python3-feedparser)', () => {
    expect(hasPython, `${PYTHON} is missing`).toBe(true);
    expect(hasFeedparser, 'Python cannot import feedparser: apt-get install python3-feedparser').toBe(true);
  });
});

// One Python process reads every feed (a JSON list of documents on stdin): each is handed to
// the parser as UTF-8 bytes, as it would arrive over HTTP.
const FEEDPARSER = [
  'import feedparser, json, sys',
  'out = []',
  'for doc in json.load(sys.stdin):',
  '    d = feedparser.parse(doc.encode("utf-8"))',
  '    out.append({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version,',
  '        "count": len(d.entries), "ids": [e.get("id") for e in d.entries]})',
  'print(json.dumps(out))',
].join('\n');

const EXPAT = [
  'import json, sys, xml.dom.minidom',
  'out = []',
  'for doc in json.load(sys.stdin):',
  '    try:',
  '        xml.dom.minidom.parseString(doc.encode("utf-8"))',
  '        out.append("")',
  '    except Exception as e:',
  '        out.append(str(e) or "error")',
  'print(json.dumps(out))',
].join('\n');

const CONTROLS = '\u0001\u0002\u0008\u000B\u000C\u001B\u001F\u007F\u0085\uFFFE\uFFFF';

function awkwardFiles(): ContentFile[] {
  const body = [
    `# A heading with & < > " ' ]]> ${CONTROLS}`,
    '',
    `Text & < > " ' ]]> ]]> ]]]]>> <![CDATA[ x ]]> 🎉👩🏽‍💻 العربية עברית 中文 日本語 한국어 Ελληνικά ${CONTROLS}`,
    '',
    '<script>alert(1)</script> <b>raw html</b> &amp; &lt; &#0; &#x1; &bogus;',
    '',
    '| a | b |',
    '|---|---|',
    '| ]]> | & |',
    '',
    '```',
    `code ]]> & < ${CONTROLS}`,
    '```',
    '',
    '[relative](/decisions/x) [fragment](#y) [outside](https://example.org/?a=1&b=2)',
    '',
  ].join('\n');
  return [
    post(
      {
        title: `Fees & <charges> &amp; "q" 'q' ]]> ]]> 🎉 العربية 中文 ${CONTROLS} end`,
        summary: `Summary & < > " ' ]]> ]]> 🎉 مرحبا 你好 ${CONTROLS} end`,
        committee: 'awkward',
        author: `Ann & <Bo> &amp; ]]> ${CONTROLS}`,
        tags: ['one-barnet', 'awkward'],
        decisions: [{ subject: `Subject & < ]]> ${CONTROLS}`, project: 'nscso', stage: 'procurement', outcome: 'agreed' }],
        updates: [{ date: '2011-07-02', note: 'Corrected & < ]]>' }],
      },
      { name: '2011-06-30-awkward', body },
    ),
    post({ title: 'A plain post', date: '2011-06-01' }, { name: '2011-06-01-plain' }),
    post({ title: 'A draft', date: '2011-05-01', draft: true }, { name: '2011-05-01-draft' }),
    post({ title: 'A scheduled post', date: '2099-01-01' }, { name: '2099-01-01-scheduled' }),
  ];
}

function recordsOf(files: ReturnType<typeof contentFiles>, now = new Date('2011-07-20T12:00:00Z')): SiteRecords {
  return siteRecordsOf(collectContent(files), now);
}

function awkwardRecords(): SiteRecords {
  const committee = textFile(
    'content/committees/awkward.md',
    `---\n${stringify({ name: `Board & <of> "Fees" ]]> ${CONTROLS} end`, summary: 'Awkward.' })}---\n\nText.\n`,
  );
  return recordsOf(contentFiles(awkwardFiles(), { committees: [committeeFile(), committee], site: textFile('content/site.json', JSON.stringify(SITE)) }));
}

async function bundledRecords(): Promise<SiteRecords> {
  return recordsOf(await readContentDir(FIXTURE_CONTENT), new Date());
}

function xmlFeeds(records: SiteRecords): { name: string; body: string; count: number }[] {
  const feeds: { name: string; body: string; count: number }[] = [];
  for (const listing of feedCatalogue(records)) {
    const ref: FeedRef = listing.kind === 'site' ? { kind: 'site' } : { kind: listing.kind, slug: listing.slug! };
    for (const format of ['rss', 'atom'] as const) {
      feeds.push({
        name: `${listing.basePath || '/'} ${format}`,
        body: String(feedRepresentation(records, ref, format)!.body),
        count: Math.min(listing.count, records.site.feedEntryLimit),
      });
    }
  }
  return feeds;
}

describe.each([
  ['the bundled content', bundledRecords],
  ['posts holding every awkward character', async () => awkwardRecords()],
])('%s', (_name, load) => {
  it.runIf(runParserChecks)('every RSS and Atom feed parses in feedparser with no bozo flag and every entry', async () => {
    const records = await load();
    const feeds = xmlFeeds(records);
    expect(feeds.length).toBeGreaterThanOrEqual(4);
    const result = python(FEEDPARSER, JSON.stringify(feeds.map((f) => f.body)));
    expect(result.status, result.stderr).toBe(0);
    const results = JSON.parse(result.stdout) as { bozo: boolean; error: string; version: string; count: number; ids: string[] }[];
    expect(results).toHaveLength(feeds.length);
    for (const [index, feed] of feeds.entries()) {
      const parsed = results[index]!;
      expect({ feed: feed.name, bozo: parsed.bozo, error: parsed.error }).toEqual({ feed: feed.name, bozo: false, error: '' });
      expect(parsed.count, feed.name).toBe(feed.count);
      expect(parsed.version).toMatch(feed.name.endsWith('rss') ? /^rss20$/ : /^atom10$/);
      expect(new Set(parsed.ids).size).toBe(parsed.ids.length);
      for (const id of parsed.ids) expect(id).toMatch(/^https:\/\/decisions\.barnet\.example\/decisions\/[a-z0-9-]+$/);
    }
  });

  it.runIf(runParserChecks || hasPython)('every RSS and Atom feed is well-formed XML to expat (a strict parser)', async () => {
    const feeds = xmlFeeds(await load());
    const result = python(EXPAT, JSON.stringify(feeds.map((f) => f.body)));
    expect(result.status, result.stderr).toBe(0);
    const errors = JSON.parse(result.stdout) as string[];
    expect(feeds.map((f, i) => [f.name, errors[i]])).toEqual(feeds.map((f) => [f.name, '']));
  });
});

describe('the awkward fixture', () => {
  it('leaves drafts and scheduled posts out of the feeds', () => {
    const records = awkwardRecords();
    for (const feed of xmlFeeds(records)) {
      expect(feed.body).not.toContain('2011-05-01-draft');
      expect(feed.body).not.toContain('2099-01-01-scheduled');
    }
    expect(records.indexes.all.map((d) => d.slug)).toEqual(['2011-06-30-awkward', '2011-06-01-plain']);
  });
});

/** Filtered views of the site feed (lib/filters/vocabulary.ts), as /feed.xml?… and /atom.xml?… serve them. */
const FILTERED = [
  'outcome=approved',
  'stage=business-case&stage=options-appraisal',
  'project=nscso',
  'tag=adult-social-care',
  'from=2011-05-01&to=2011-06-30',
  'outcome=considered&project=legal-partner',
  'to=2010-06-30',
];

describe('every filtered view of the site feed', () => {
  it.runIf(runParserChecks)('parses in feedparser with no bozo flag, and holds exactly the matching posts', async () => {
    const records = await bundledRecords();
    const feeds: { name: string; body: string; ids: string[] }[] = [];
    for (const query of FILTERED) {
      const result = parseFilter(new URLSearchParams(query), vocabularyOf(records));
      expect(result.ok, query).toBe(true);
      if (!result.ok) continue;
      const ids = matchingDecisions(records.indexes, result.filter).map((d) => `${SITE.baseUrl}/decisions/${d.slug}`);
      for (const format of ['rss', 'atom'] as const)
        feeds.push({ name: `${query} ${format}`, body: String(feedRepresentation(records, { kind: 'site' }, format, result.filter)!.body), ids });
    }
    const result = python(FEEDPARSER, JSON.stringify(feeds.map((f) => f.body)));
    expect(result.status, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { bozo: boolean; error: string; count: number; ids: string[] }[];
    for (const [index, feed] of feeds.entries()) {
      expect({ feed: feed.name, bozo: parsed[index]!.bozo, error: parsed[index]!.error }).toEqual({ feed: feed.name, bozo: false, error: '' });
      expect(parsed[index]!.ids, feed.name).toEqual(feed.ids);
    }
    // The views are not all the same: some narrow, one is empty.
    expect(new Set(feeds.map((f) => f.ids.length)).size).toBeGreaterThan(2);
    expect(feeds.at(-1)!.ids).toEqual([]);
  });
});
