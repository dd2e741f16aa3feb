import { changesResponse } from '@/lib/history/respond';
import { preflightResponse } from '@/lib/http/http-cache';

// Reads the request's filters, its conditional headers and the clock: never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return changesResponse(request, 'json');
}

export function OPTIONS(): Response {
  return preflightResponse();
}
