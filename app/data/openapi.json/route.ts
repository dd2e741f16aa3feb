import { apiRepresentationOf } from '@/lib/data/openapi';
import { conditionalResponse, preflightResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

// Reads the request's conditional headers and the clock (the topics of the visible posts): never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return conditionalResponse(request, apiRepresentationOf(await getSiteRecords()));
}

export function OPTIONS(): Response {
  return preflightResponse();
}
