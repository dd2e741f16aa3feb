import { githubEditorConfig } from './github-config';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * Local mode has no sign-in: it trusts whoever can reach it, which is why it listens on
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
export function requestProblem(request: Request, env: Environment = process.env): string | undefined {
  const host = request.headers.get('host');
  const github = env.BARNET_EDITOR === 'github' ? githubEditorConfig(env) : undefined;
  if (github) {
    const refused = accessProblem(request.headers, env);
    if (refused) return refused.message;
  } else if (!hostIsLocal(host)) return 'The editor answers only at http://127.0.0.1 (or localhost) on this computer.';
  const site = request.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return 'This form was sent from another site: the editor accepts only its own forms.';
  const origin = request.headers.get('origin');
  const allowed = github?.ok ? [`https://${github.config.publicHost}`] : [`http://${host}`];
  if (origin !== null && !allowed.includes(origin)) return 'This form was sent from another site: the editor accepts only its own forms.';
  return undefined;
}

/**
 * GitHub mode runs on a server staff reach through the council's sign-in proxy (single sign-on),
 * which sets a header naming the signed-in person; the editor itself listens on 127.0.0.1, so only
 * that proxy can reach it. Every request to the editor must carry the header and the editor's
 * public host name, or it is refused; with its settings missing, the editor refuses everything
 * (503) and says which are missing. Local mode needs none of this: undefined.
 */
export function accessProblem(headers: Headers, env: Environment = process.env): { status: number; message: string } | undefined {
  if (env.BARNET_EDITOR !== 'github') return undefined;
  const config = githubEditorConfig(env);
  if (!config.ok) return { status: 503, message: `The editor's GitHub mode is not set up (deploy/README.md):\n${config.problems.join('\n')}` };
  const host = headers.get('host')?.toLowerCase();
  if (host !== config.config.publicHost)
    return { status: 403, message: `The editor answers only at https://${config.config.publicHost}, through the council's sign-in.` };
  if (!editorUser(headers, env))
    return { status: 401, message: "Sign in first: the editor is reached through the council's sign-in, which names who is editing." };
  return undefined;
}

/** Who is editing, as the sign-in proxy names them (GitHub mode), for the commit's message. */
export function editorUser(headers: Headers, env: Environment = process.env): string | undefined {
  const config = env.BARNET_EDITOR === 'github' ? githubEditorConfig(env) : undefined;
  if (!config?.ok) return undefined;
  const user = headers.get(config.config.userHeader)?.trim();
  return user ? user.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) : undefined;
}

/**
 * Set by proxy.ts on requests for the editor's pages, for the root layout: in the local preview
 * it shows the content's problems instead of any page, but the editor must stay usable then,
 * since it is where they get fixed. Under `npm start` these addresses are 404s anyway.
 */
export const EDITOR_REQUEST_HEADER = 'x-barnet-editor';
