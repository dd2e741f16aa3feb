/**
 * What every feed route does, in one place: validate the slug before touching anything, take
 * the visible decisions from getSiteRecords() at request time (so a scheduled post appears when
 * its time comes, without a rebuild), and answer with the memoised feed or a 304.
 */
import { isSlug } from '../content/slug';
import { conditionalResponse } from '../http-cache';
import { getSiteRecords } from '../site';
import { feedRepresentation, type FeedFormat, type FeedRef } from './site-feeds';

/**
 * A short plain-text 404 for a feed that does not exist: feed readers only need the status, and
 * a person who followed a broken link is told where the feeds are. Cached like a page, for as
 * long as a page (a topic's feed appears when its first post is published).
 */
function noSuchFeed(): Response {
  return new Response('There is no such feed. Every feed this site offers is listed at /feeds.\n', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}

/** The response for a feed: the feed, a 304, or a 404 when there is no such feed. */
export async function feedResponse(request: Request, ref: FeedRef, format: FeedFormat): Promise<Response> {
  if (ref.kind !== 'site' && !isSlug(ref.slug)) return noSuchFeed();
  const records = await getSiteRecords();
  const representation = feedRepresentation(records, ref, format);
  return representation ? conditionalResponse(request, representation) : noSuchFeed();
}
