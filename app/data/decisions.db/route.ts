import { databaseRepresentation } from '@/lib/data/sqlite';
import { conditionalResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

// Built by `next build` (the build output holds the file) and served from there; made again at
// most every five minutes, and only when the visible posts changed (a scheduled post went
// live): databaseRepresentation keeps one per visible set. It reads no request, so Next.js
// answers every GET with the whole file, never 304 (it compares no validators for a route
// served from the build); the ETag is for a cache in front. No OPTIONS handler: Next.js
// renders a route that has one per request, never from the build. A plain cross-origin GET
// (Datasette Lite's fetch) needs no preflight, and Next.js answers OPTIONS itself.
export const dynamic = 'force-static';
export const revalidate = 300;

export async function GET(): Promise<Response> {
  const records = await getSiteRecords();
  return conditionalResponse({ method: 'GET', headers: new Headers() }, databaseRepresentation(records));
}
