/**
 * What every feed route does, in one place: validate the slug before touching anything, take
 * the visible decisions from getSiteRecords() at request time (so a scheduled post appears when
 * its time comes, without a rebuild), and answer with the memoised feed or a 304.
 */
import { isSlug } from '../content/slug';
import { filterFromRequest } from '../filters/request';
import { vocabularyOf } from '../filters/vocabulary';
import { conditionalResponse, CORS_HEADERS, preflightResponse } from '../http/http-cache';
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
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=300', ...CORS_HEADERS },
  });
}

/**
 * The response for a feed: the feed, a 304, or a 404 when there is no such feed. The site's own
 * feeds read the filter vocabulary (a 400 for a value that does not exist, a redirect to the
 * view's normal address for another spelling of it); a committee's, project's or topic's feed
 * is already a view and reads no parameter.
 */
export async function feedResponse(request: Request, ref: FeedRef, format: FeedFormat): Promise<Response> {
  if (ref.kind !== 'site' && !isSlug(ref.slug)) return noSuchFeed();
  const records = await getSiteRecords();
  let filter;
  if (ref.kind === 'site') {
    const view = filterFromRequest(request, vocabularyOf(records));
    if (!view.ok) return view.response;
    filter = view.filter;
  }
  const representation = feedRepresentation(records, ref, format, filter);
  return representation ? conditionalResponse(request, representation) : noSuchFeed();
}

/** A CORS preflight for a feed. */
export function OPTIONS(): Response {
  return preflightResponse();
}
