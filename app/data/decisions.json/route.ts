import { dataRepresentation } from '@/lib/data/export';
import { filterFromRequest } from '@/lib/filters/request';
import { vocabularyOf } from '@/lib/filters/vocabulary';
import { conditionalResponse, preflightResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

// Reads the request's filters, its conditional headers and the clock (scheduled posts): never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const records = await getSiteRecords();
  const view = filterFromRequest(request, vocabularyOf(records));
  if (!view.ok) return view.response;
  return conditionalResponse(request, dataRepresentation(records, 'json', view.filter));
}

export function OPTIONS(): Response {
  return preflightResponse();
}
