import { databaseResponse } from '@/lib/data/sqlite/built-file';
import { preflightResponse } from '@/lib/http/http-cache';
import { getSiteRecords } from '@/lib/site';

// Streamed from the file the build wrote (lib/data/sqlite/built-file.ts), read from disk for each
// request rather than held in memory, with its ETag, 304s and CORS like the other data files.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return databaseResponse(request, await getSiteRecords());
}

export function OPTIONS(): Response {
  return preflightResponse();
}
