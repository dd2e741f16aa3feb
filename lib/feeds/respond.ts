/**
 * What every feed route does, in one place: validate the slug before touching anything, take
 * the visible decisions from getSiteRecords() at request time (so a scheduled post appears when
 * its time comes, without a rebuild), and answer with the memoised feed or a 304.
 */
import { isSlug } from '../content/slug';
import { conditionalResponse } from '../http-cache';
import { getSiteRecords } from '../site';
import { feedRepresentation, type FeedFormat, type FeedRef } from './index';

/** The response for a feed, or undefined when there is no such feed (the route answers 404). */
export async function feedResponse(request: Request, ref: FeedRef, format: FeedFormat): Promise<Response | undefined> {
  if (ref.kind !== 'site' && !isSlug(ref.slug)) return undefined;
  const records = await getSiteRecords();
  const representation = feedRepresentation(records, ref, format);
  return representation && conditionalResponse(request, representation);
}
