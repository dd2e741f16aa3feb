import { feedResponse } from '@/lib/feeds/respond';

// Reads the request's conditional headers and the clock (scheduled posts): never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return feedResponse(request, { kind: 'site' }, 'rss');
}

export { OPTIONS } from '@/lib/feeds/respond';
