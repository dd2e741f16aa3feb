import { NextResponse, type NextRequest } from 'next/server';

/** Whether every percent-escape in the path decodes (to UTF-8 text). */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/**
 * Answers 404 for an address whose percent-escapes do not decode (`/decisions/%zz`,
 * `/decisions/%ff`). Next.js 16.4 fails to decode such a dynamic segment while matching routes
 * and answers 500 with no page (vercel/next.js#92557); such an address names nothing, so it gets
 * the site's 404 page. Pages check their own slugs and page numbers: this runs only for paths
 * with a `%` in them (see the matcher), which the site never links to, because every request
 * through a proxy costs Next.js about as much again as serving a cached page.
 */
export function proxy(request: NextRequest) {
  if (decodes(request.nextUrl.pathname)) return NextResponse.next();
  // Rewrite on nextUrl (the server's own view of the address): a URL built from request.url
  // can name another host (127.0.0.1 becomes localhost) and would be fetched over HTTP.
  const notFoundUrl = request.nextUrl.clone();
  notFoundUrl.pathname = '/not-found';
  notFoundUrl.search = '';
  return NextResponse.rewrite(notFoundUrl, { status: 404 });
}

export const config = {
  matcher: ['/(.*%.*)'],
};
