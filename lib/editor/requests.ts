/**
 * The editor has no sign-in: it trusts whoever can reach it, which is why it listens on
 * 127.0.0.1 only. Two ways round that are shut here. Another site's page could post a form to
 * http://127.0.0.1:PORT/editor/save from the writer's own browser (cross-site request forgery):
 * a request the browser marks as coming from elsewhere (Sec-Fetch-Site, Origin) is refused. And
 * a name of another site's that resolves to 127.0.0.1 (DNS rebinding) would make its pages
 * same-origin with the editor: a request whose Host is not this machine's own name is refused.
 */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function hostIsLocal(host: string | null): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return LOCAL_HOSTS.has(name);
}

/** Why this request may not change a file, or undefined when it may. */
export function requestProblem(request: Request): string | undefined {
  const host = request.headers.get('host');
  if (!hostIsLocal(host)) return 'The editor answers only at http://127.0.0.1 (or localhost) on this computer.';
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return 'This form was sent from another site: the editor accepts only its own forms.';
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== `http://${host}`) return 'This form was sent from another site: the editor accepts only its own forms.';
  return undefined;
}

/**
 * Set by proxy.ts on requests for the editor's pages, for the root layout: in the local preview
 * it shows the content's problems instead of any page, but the editor must stay usable then,
 * since it is where they get fixed. Under `npm start` these addresses are 404s anyway.
 */
export const EDITOR_REQUEST_HEADER = 'x-barnet-editor';
