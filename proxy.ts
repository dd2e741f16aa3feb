import { NextResponse, type NextRequest } from 'next/server';
import { recordPathExists } from '@/lib/route-exists';
import { getSiteRecords, InvalidContentError } from '@/lib/site';

/**
 * Answers 404 for unknown records before any page renders. Next.js renders a `notFound()`
 * thrown from an on-demand page as an empty shell filled in by JavaScript; rewriting here
 * serves the site's real 404 page, which works without JavaScript.
 */
export async function proxy(request: NextRequest) {
  let records;
  try {
    records = await getSiteRecords();
  } catch (error) {
    // Only the local preview can run on invalid content (the build refuses it); there the
    // layout shows the problems, so let the request through to it.
    if (error instanceof InvalidContentError) return NextResponse.next();
    throw error;
  }
  if (recordPathExists(records, request.nextUrl.pathname)) return NextResponse.next();
  // Rewrite on nextUrl (the server's own view of the address): a URL built from request.url
  // can name another host (127.0.0.1 becomes localhost) and would be fetched over HTTP.
  const notFoundUrl = request.nextUrl.clone();
  notFoundUrl.pathname = '/not-found';
  notFoundUrl.search = '';
  return NextResponse.rewrite(notFoundUrl, { status: 404 });
}

export const config = {
  matcher: ['/page/:path*', '/decisions/:path*', '/committees/:path*', '/projects/:path*', '/glossary/:path*', '/tags/:path*', '/archive/:path*'],
};
