import { NextResponse, type NextRequest } from 'next/server';
import { DEVELOPMENT_POLICY, newNonce, NO_SCRIPT_POLICY, perRequestPolicy } from './lib/http/content-security-policy';
import { accessProblem, EDITOR_REQUEST_HEADER } from './lib/editor/requests';
import { MAX_VALUES, overTheCap } from './lib/filters/vocabulary';
import { SEARCH_RENDER_PREFIX, searchRenderPath } from './lib/search/rendered-address';
import { busyPage, SHED_RETRY_AFTER_SECONDS } from './lib/search/rendered-pages';
import { canonicalSearchQuery } from './lib/search/query';
import { searchPages, searchPagesApply } from './lib/search/search-pages';
import { queuedMs } from './lib/server/request-admission';

/** Whether every percent-escape in the path decodes (to UTF-8 text). */
function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The pages rendered per request, which keep Next.js's router: the alert pages. */
function isRenderedPerRequest(pathname: string): boolean {
  return pathname === '/alerts' || pathname.startsWith('/alerts/');
}

/**
 * A search, rendered at the address of its query (lib/search/rendered-address.ts), so that its
 * HTML leaves Next.js without scripts like every other page. Results are for the one person who
 * asked: never kept by a browser or a cache on the way (Next.js would send a page rendered on
 * demand with s-maxage).
 */
function renderSearch(request: NextRequest) {
  const url = request.nextUrl.clone();
  // The query in its one written form: two ways of writing one search are one address, so one
  // render and one remembered page (lib/search/rendered-pages.ts).
  url.pathname = searchRenderPath(canonicalSearchQuery(request.nextUrl.searchParams));
  url.search = '';
  if (searchPagesApply()) {
    // A page remembered for this address is sent by the cache handler without rendering. Any
    // other must be rendered: refused (503) while too many renders are under way, or when this
    // search already waited too long for its turn, so that the event loop keeps up with the ones
    // it has rather than drowning every asker in timeouts.
    // Renders are timed on the machine's clock: the site's may stand still (SITE_NOW in the tests).
    const door = searchPages();
    if (!door.pages.peek(url.pathname, door.now()) && !door.pages.tryEnter(url.pathname, Date.now(), queuedMs(request.headers))) return busy(request);
  }
  // Next.js copies the nonce of a policy header in the request onto the page's tags: a client's
  // own header must not put its words into the page.
  const headers = new Headers(request.headers);
  headers.delete('content-security-policy');
  const response = NextResponse.rewrite(url, { request: { headers } });
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}

/**
 * The answer to a search shed under load: 503 with Retry-After, a short page that says what to
 * do (no script, like every page of the site), kept by nobody.
 */
function busy(request: NextRequest) {
  return new NextResponse(busyPage(`${request.nextUrl.pathname}${request.nextUrl.search}`), {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(SHED_RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': NO_SCRIPT_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** The editor's pages (`npm run editor`): marked for the root layout (EDITOR_REQUEST_HEADER). */
function isEditorPath(pathname: string): boolean {
  return pathname === '/editor' || pathname.startsWith('/editor/');
}

/**
 * The Content-Security-Policy of a page rendered per request, with a nonce of its own. Next.js
 * reads the nonce from the request's policy header while it renders and puts it on every script
 * tag of its router; the same policy goes out with the response. Any policy header the client
 * sent is replaced.
 */
function withNoncePolicy(request: NextRequest) {
  const policy = process.env.NODE_ENV === 'development' ? DEVELOPMENT_POLICY : perRequestPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

/**
 * Answers 404 for an address whose percent-escapes do not decode (`/decisions/%zz`,
 * `/decisions/%ff`). Next.js 16.4 fails to decode such a dynamic segment while matching routes
 * and answers 500 with no page (vercel/next.js#92557); such an address names nothing, so it gets
 * the site's 404 page. Pages check their own slugs and page numbers: this runs only for paths
 * with a `%` in them (see the matcher), which the site never links to, because every request
 * through a proxy costs Next.js about as much again as serving a cached page. It also runs for
 * /search, to send it where it is rendered without scripts (renderSearch), and for the alert
 * pages, rendered per request anyway, to give them their nonce (withNoncePolicy).
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname === '/search') {
    // Before any work: a search with a thousand values of one filter is no resident's search.
    const over = overTheCap(request.nextUrl.searchParams);
    if (over) {
      return new NextResponse(`Too many values of "${over.parameter}" (${over.count}); a search takes at most ${MAX_VALUES} of each.\n`, {
        status: 400,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
      });
    }
    return renderSearch(request);
  }
  // Searches are rendered there only by the rewrite above: asked for directly, it names nothing.
  if (request.nextUrl.pathname.startsWith(SEARCH_RENDER_PREFIX)) return notFoundPage(request);
  if (isRenderedPerRequest(request.nextUrl.pathname)) return withNoncePolicy(request);
  if (isEditorPath(request.nextUrl.pathname)) {
    // GitHub mode: refused without the council's sign-in (lib/editor/requests.ts).
    const refused = accessProblem(request.headers);
    if (refused)
      return new NextResponse(`${refused.message}\n`, {
        status: refused.status,
        headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    const headers = new Headers(request.headers);
    headers.set(EDITOR_REQUEST_HEADER, '1');
    return NextResponse.next({ request: { headers } });
  }
  if (decodes(request.nextUrl.pathname)) return NextResponse.next();
  return notFoundPage(request);
}

/** The site's 404 page, answered for this address. */
function notFoundPage(request: NextRequest) {
  // Rewrite on nextUrl (the server's own view of the address): a URL built from request.url
  // can name another host (127.0.0.1 becomes localhost) and would be fetched over HTTP.
  const notFoundUrl = request.nextUrl.clone();
  notFoundUrl.pathname = '/not-found';
  notFoundUrl.search = '';
  return NextResponse.rewrite(notFoundUrl, { status: 404 });
}

export const config = {
  matcher: ['/(.*%.*)', '/search', '/search/:path*', '/alerts', '/alerts/:path*', '/editor', '/editor/:path*'],
};
