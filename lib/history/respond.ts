/**
 * The changes feeds and data as HTTP: the filter vocabulary read first (400 for a value that
 * does not exist, 308 to the normal spelling), then the representation, built once per visible
 * set and view, with its ETag, CORS and 304s (lib/http/http-cache.ts), as every feed and data file.
 */
import type { LRUCache } from 'lru-cache';
import { filterFromRequest } from '../filters/request';
import { filterQuery, isFiltered, vocabularyOf } from '../filters/vocabulary';
import { CONTENT_TYPES, conditionalResponse, lastModifiedOf, makeRepresentation, type Representation } from '../http/http-cache';
import type { DecisionIndexes } from '../records/indexes';
import { boundedLru } from '../server/bounded-lru';
import { perVisibleSet } from '../server/per-visible-set';
import { getSiteRecords } from '../site';
import { changesCsv, changesJson } from './data';
import { renderChangesFeed } from './feeds';
import { selectChanges, selectEvents } from './select';
import { loadHistory } from './store';

export type ChangesFormat = 'atom' | 'json-feed' | 'json' | 'csv';

const CACHE_LIMITS = { entries: 200, bytes: 64 * 1024 * 1024 };
const cached = perVisibleSet<DecisionIndexes, LRUCache<string, Representation>>();

export async function changesResponse(request: Request, format: ChangesFormat): Promise<Response> {
  const records = await getSiteRecords();
  const view = filterFromRequest(request, vocabularyOf(records));
  if (!view.ok) return view.response;
  const { filter } = view;
  const cache = cached(records.indexes, () =>
    boundedLru<Representation>(CACHE_LIMITS, (r) => (typeof r.body === 'string' ? r.body.length * 2 : r.body.byteLength)),
  );
  const query = filterQuery(filter);
  const key = `${format}?${query}`;
  const hit = cache.get(key);
  if (hit) return conditionalResponse(request, hit);
  const history = loadHistory();
  const now = records.visibility.now;
  const post = (slug: string) => records.indexes.bySlug.get(slug);
  let representation: Representation;
  if (format === 'atom' || format === 'json-feed') {
    const events = selectEvents(history, now, filter, post, records.site.feedEntryLimit);
    const { body, updated } = renderChangesFeed(records.site, events, format === 'atom' ? 'atom' : 'json', records.indexes.lastModified, query);
    representation = makeRepresentation(body, format === 'atom' ? CONTENT_TYPES.atom : CONTENT_TYPES.jsonFeed, lastModifiedOf(updated, records.readAt));
  } else {
    const changes = selectChanges(history, now, filter, post);
    const newest = changes[0]?.at ?? records.indexes.lastModified;
    if (format === 'json') {
      const file = changesJson(records.site, changes, history.available, isFiltered(filter) ? { query, ...filter } : undefined);
      representation = makeRepresentation(`${JSON.stringify(file, null, 2)}\n`, CONTENT_TYPES.json, lastModifiedOf(newest, records.readAt));
    } else {
      const name = isFiltered(filter) ? `changes-${query.replace(/[&=]/g, '-')}`.slice(0, 120) : 'changes';
      representation = makeRepresentation(changesCsv(records.site, changes), CONTENT_TYPES.csv, lastModifiedOf(newest, records.readAt), {
        'Content-Disposition': `attachment; filename="${name}.csv"`,
      });
    }
  }
  cache.set(key, representation);
  return conditionalResponse(request, representation);
}
