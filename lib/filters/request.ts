/**
 * What a feed or data route does with the filter vocabulary before anything else: read it from
 * the request (lib/filters/vocabulary.ts), answer 400 with a plain message for a value that does not
 * exist, and 308 to the normal spelling of the view for any other spelling, so that a cache in
 * front (nginx, a CDN) keeps one copy of each view and nothing for invented ones.
 */
import { CORS_HEADERS } from '../http/http-cache';
import { filterQuery, parseFilter, writtenFilterQuery, type DecisionFilter, type FilterProblem, type FilterVocabulary } from './vocabulary';
import { paths } from '../urls';

export type FilterRequest = { ok: true; filter: DecisionFilter; query: string } | { ok: false; response: Response };

/** A short plain-text 400: which parameter, what it accepts, and where the vocabulary is explained. Never stored by a cache. */
export function badFilterResponse(problems: FilterProblem[]): Response {
  const lines = problems.map((p) => p.message);
  const body = `This address asks for a view that does not exist.\n\n${lines.join('\n')}\n\nThe filters are explained at ${paths.feeds()} and ${paths.data()}.\n`;
  return new Response(body, {
    status: 400,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...CORS_HEADERS },
  });
}

export function filterFromRequest(request: Request, vocabulary: FilterVocabulary): FilterRequest {
  const url = new URL(request.url);
  const result = parseFilter(url.searchParams, vocabulary);
  if (!result.ok) return { ok: false, response: badFilterResponse(result.problems) };
  if (writtenFilterQuery(url.search) !== result.query) {
    const location = `${url.pathname}${result.query ? `?${result.query}` : ''}`;
    return {
      ok: false,
      response: new Response(null, {
        status: 308,
        headers: { Location: location, 'Cache-Control': 'public, max-age=86400', ...CORS_HEADERS },
      }),
    };
  }
  return { ok: true, filter: result.filter, query: filterQuery(result.filter) };
}
