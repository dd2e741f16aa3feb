/**
 * HTTP for feed readers (lib/http/http-cache.ts) and the feed routes' handler (lib/feeds/respond.ts),
 * on the bundled content through getSiteRecords(), the way the routes call them.
 */
import { describe, expect, it } from 'vitest';
import { dataRepresentation } from '../../lib/data/export';
import { feedResponse } from '../../lib/feeds/respond';
import { feedRepresentation } from '../../lib/feeds/site-feeds';
import { CACHE_CONTROL, conditionalResponse, isNotModified, lastModifiedOf, makeRepresentation, strongEtag } from '../../lib/http/http-cache';
import { getSiteRecords } from '../../lib/site';
import { collect, post, siteRecordsOf } from './helpers';

const get = (headers: Record<string, string> = {}, method = 'GET') => new Request('https://decisions.barnet.example/feed.xml', { method, headers });

describe('lib/http-cache', () => {
  const representation = makeRepresentation('<rss/>', 'application/rss+xml; charset=utf-8', new Date('2011-06-29T23:00:00.500Z'));

  it('makes a strong ETag from the bytes: the same body, the same tag; another body, another', () => {
    expect(representation.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('<rss/>')).toBe(representation.etag);
    expect(strongEtag('<rss />')).not.toBe(representation.etag);
    expect(strongEtag(new TextEncoder().encode('<rss/>'))).toBe(representation.etag);
  });

  it('answers 200 with the body, content type, ETag, Last-Modified and Cache-Control', async () => {
    const response = conditionalResponse(get(), representation);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<rss/>');
    expect(response.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(response.headers.get('etag')).toBe(representation.etag);
    expect(response.headers.get('last-modified')).toBe('Wed, 29 Jun 2011 23:00:00 GMT');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300, s-maxage=300, stale-while-revalidate=86400');
    expect(CACHE_CONTROL).toContain('s-maxage');
  });

  it('answers If-None-Match with 304 and no body, keeping the validators and Cache-Control', async () => {
    for (const header of [representation.etag, `W/${representation.etag}`, `"other", ${representation.etag}`, '*']) {
      const response = conditionalResponse(get({ 'If-None-Match': header }), representation);
      expect(response.status, header).toBe(304);
      expect(await response.text()).toBe('');
      expect(response.headers.get('etag')).toBe(representation.etag);
      expect(response.headers.get('cache-control')).toBe(CACHE_CONTROL);
      expect(response.headers.get('last-modified')).toBe('Wed, 29 Jun 2011 23:00:00 GMT');
    }
    expect(conditionalResponse(get({ 'If-None-Match': '"something-else"' }), representation).status).toBe(200);
  });

  it('answers If-Modified-Since with 304 when nothing changed since, 200 otherwise', () => {
    expect(conditionalResponse(get({ 'If-Modified-Since': 'Wed, 29 Jun 2011 23:00:00 GMT' }), representation).status).toBe(304);
    expect(conditionalResponse(get({ 'If-Modified-Since': 'Thu, 30 Jun 2011 10:00:00 GMT' }), representation).status).toBe(304);
    expect(conditionalResponse(get({ 'If-Modified-Since': 'Wed, 29 Jun 2011 22:59:59 GMT' }), representation).status).toBe(200);
    expect(conditionalResponse(get({ 'If-Modified-Since': 'not a date' }), representation).status).toBe(200);
  });

  it('lets If-None-Match decide when both are sent (RFC 9110)', () => {
    const stale = { 'If-None-Match': '"old"', 'If-Modified-Since': 'Thu, 30 Jun 2011 10:00:00 GMT' };
    expect(conditionalResponse(get(stale), representation).status).toBe(200);
  });

  it('only GET and HEAD are conditional', () => {
    expect(isNotModified(get({ 'If-None-Match': '*' }, 'HEAD'), representation)).toBe(true);
    expect(isNotModified(get({ 'If-None-Match': '*' }, 'POST'), representation)).toBe(false);
  });

  it('passes extra headers, such as a download name', () => {
    const csv = makeRepresentation('a\r\n', 'text/csv; charset=utf-8', new Date(0), { 'Content-Disposition': 'attachment; filename="decisions.csv"' });
    expect(conditionalResponse(get(), csv).headers.get('content-disposition')).toBe('attachment; filename="decisions.csv"');
  });
});

describe('Last-Modified moves whenever a representation can change', () => {
  const now = new Date('2011-08-01T12:00:00Z');
  const firstRead = new Date('2011-07-20T09:00:00Z');
  const original = siteRecordsOf(collect(post({ title: 'The newest post', date: '2011-07-15' }, { name: '2011-07-15-newest' })), now, { readAt: firstRead });
  // A later deploy adds a back-dated post: no content date moves, but the feed and data change.
  const withBackdated = siteRecordsOf(
    collect(
      post({ title: 'The newest post', date: '2011-07-15' }, { name: '2011-07-15-newest' }),
      post({ title: 'A back-dated post', date: '2011-05-01' }, { name: '2011-05-01-backdated' }),
    ),
    now,
    { readAt: new Date('2011-07-25T09:00:00Z') },
  );

  it('a client that sends only If-Modified-Since gets the changed feed, not a 304', () => {
    for (const format of ['rss', 'atom', 'json'] as const) {
      const before = conditionalResponse(get(), feedRepresentation(original, { kind: 'site' }, format)!);
      const since = before.headers.get('last-modified')!;
      const after = conditionalResponse(get({ 'If-Modified-Since': since }), feedRepresentation(withBackdated, { kind: 'site' }, format)!);
      expect(after.status, format).toBe(200);
      expect(Date.parse(after.headers.get('last-modified')!)).toBeGreaterThan(Date.parse(since));
    }
  });

  it('and so does one fetching the data files', () => {
    for (const format of ['csv', 'json'] as const) {
      const since = conditionalResponse(get(), dataRepresentation(original, format)).headers.get('last-modified')!;
      expect(conditionalResponse(get({ 'If-Modified-Since': since }), dataRepresentation(withBackdated, format)).status, format).toBe(200);
    }
  });

  it('is never earlier than the newest content date (a post published after the content was read)', () => {
    expect(lastModifiedOf(new Date('2011-07-30T00:00:00Z'), firstRead)).toEqual(new Date('2011-07-30T00:00:00Z'));
    expect(lastModifiedOf(new Date('2011-07-01T00:00:00Z'), firstRead)).toEqual(firstRead);
  });
});

describe('feed routes on the bundled content', () => {
  it('serves each format with its content type, and answers its own ETag with 304', async () => {
    const types = {
      rss: 'application/rss+xml; charset=utf-8',
      atom: 'application/atom+xml; charset=utf-8',
      json: 'application/feed+json; charset=utf-8',
    } as const;
    for (const [format, type] of Object.entries(types) as [keyof typeof types, string][]) {
      const first = (await feedResponse(get(), { kind: 'site' }, format))!;
      expect(first.status).toBe(200);
      expect(first.headers.get('content-type')).toBe(type);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"/);
      const again = (await feedResponse(get({ 'If-None-Match': etag }), { kind: 'site' }, format))!;
      expect(again.status).toBe(304);
      const since = (await feedResponse(get({ 'If-Modified-Since': first.headers.get('last-modified')! }), { kind: 'site' }, format))!;
      expect(since.status).toBe(304);
    }
  });

  it('has Last-Modified at the later of the newest publication or correction and when the content was read', async () => {
    const records = await getSiteRecords();
    const response = (await feedResponse(get(), { kind: 'site' }, 'rss'))!;
    const expected = lastModifiedOf(records.indexes.lastModified, records.readAt);
    expect(records.readAt > records.indexes.lastModified).toBe(true); // the bundled posts are from 2011
    expect(response.headers.get('last-modified')).toBe(new Date(Math.floor(expected.getTime() / 1000) * 1000).toUTCString());
  });

  it('serves committee, project and tag feeds, and a plain 404 that points to /feeds for unknown or malformed slugs', async () => {
    expect((await feedResponse(get(), { kind: 'committee', slug: 'cabinet-resources-committee' }, 'rss')).status).toBe(200);
    expect((await feedResponse(get(), { kind: 'project', slug: 'nscso' }, 'atom')).status).toBe(200);
    expect((await feedResponse(get(), { kind: 'tag', slug: 'one-barnet' }, 'json')).status).toBe(200);
    for (const ref of [
      { kind: 'committee', slug: 'no-such-committee' },
      { kind: 'project', slug: '..%2F..%2Fetc' },
      { kind: 'tag', slug: 'Not A Slug' },
    ] as const) {
      const response = await feedResponse(get(), ref, 'rss');
      expect(response.status, ref.slug).toBe(404);
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toContain('listed at /feeds');
    }
  });

  it('serves the data files with their types, and the CSV as a download', async () => {
    const records = await getSiteRecords();
    const csv = conditionalResponse(get(), dataRepresentation(records, 'csv'));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="decisions.csv"');
    const json = conditionalResponse(get(), dataRepresentation(records, 'json'));
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(conditionalResponse(get({ 'If-None-Match': json.headers.get('etag')! }), dataRepresentation(records, 'json')).status).toBe(304);
  });
});
