import { schemaRepresentation } from '@/lib/data-export';
import { conditionalResponse } from '@/lib/http-cache';
import { getSiteRecords } from '@/lib/site';

export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const records = await getSiteRecords();
  return conditionalResponse(request, schemaRepresentation(records.site, records.indexes.lastModified));
}
