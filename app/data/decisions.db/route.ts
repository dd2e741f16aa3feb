import { databaseRepresentation } from '@/lib/data/sqlite';
import { conditionalResponse, preflightResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

// Built by `next build` (the build output holds the file) and served from there; made again at
// most every five minutes, and only when the visible posts changed (a scheduled post went
// live): databaseRepresentation keeps one per visible set. It reads no request, so it stays
// static; a conditional GET is answered by the cache in front (deploy/nginx.conf), which
// keeps the ETag.
export const revalidate = 300;

export async function GET(): Promise<Response> {
  const records = await getSiteRecords();
  return conditionalResponse({ method: 'GET', headers: new Headers() }, databaseRepresentation(records));
}

export function OPTIONS(): Response {
  return preflightResponse();
}
