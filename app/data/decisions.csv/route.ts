import { dataRepresentation } from '@/lib/data-export';
import { conditionalResponse } from '@/lib/http-cache';
import { getSiteRecords } from '@/lib/site';

// Reads the request's conditional headers and the clock (scheduled posts): never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  const records = await getSiteRecords();
  return conditionalResponse(request, dataRepresentation(records, 'csv'));
}
