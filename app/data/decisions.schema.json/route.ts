import { schemaRepresentation } from '@/lib/data/export';
import { conditionalResponse, lastModifiedOf, preflightResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const records = await getSiteRecords();
  return conditionalResponse(request, schemaRepresentation(records.site, lastModifiedOf(records.indexes.lastModified, records.readAt)));
}

export function OPTIONS(): Response {
  return preflightResponse();
}
