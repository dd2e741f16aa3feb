import { calendarResponse } from '@/lib/meetings/respond';

// Reads the request's conditional headers and the clock (scheduled posts): never prerendered.
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  return calendarResponse(request, { kind: 'site' });
}
