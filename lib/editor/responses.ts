/**
 * What the editor's form routes answer besides their own work, in one place: a form post goes
 * through only where the editor runs and from the editor's own pages.
 */
import { requestProblem } from './requests';
import { editorEnabled } from './store';

/** A relative Location: the browser stays on the name it used (127.0.0.1 or localhost). */
export const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });

export const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** The answer to a form post the editor must not take (404 where it does not run, 403 from elsewhere); undefined to go on. */
export function refusedPost(request: Request): Response | undefined {
  if (!editorEnabled()) return notFound();
  const refused = requestProblem(request);
  return refused ? new Response(`${refused}\n`, { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8' } }) : undefined;
}
