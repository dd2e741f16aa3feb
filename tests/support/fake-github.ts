/**
 * A stand-in for GitHub's REST API, for the editor's GitHub mode (lib/editor/github-store.ts):
 * GitHub cannot be reached from the tests. It answers only the requests the editor makes, with
 * the request and response shapes documented on docs.github.com/en/rest (each handler names its
 * page), over one repository held in memory: branches name commits, a commit is a snapshot of
 * files, files are blobs named by git's blob hash. It checks the App's JSON Web Token against the
 * App's public key (RS256) before it hands out an installation token, and refuses any other
 * request without that token. Handlers: repos/contents#delete-a-file too. It is not GitHub: what it proves is that the editor makes the
 * documented requests and reads the documented answers.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKEN = 'ghs_standInInstallationToken';

export const blobSha = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
};

export interface FakeGitHub {
  url: string;
  /** The files of a branch, by path in the repository. */
  files(branch: string): Map<string, string> | undefined;
  /** Changes a file on a branch as a person on GitHub would (a commit of its own). */
  commitOnGitHub(branch: string, path: string, text: string): void;
  commits: Array<{ branch: string; message: string; path: string }>;
  pulls: Array<{ number: number; title: string; head: string; base: string; body: string }>;
  requests: string[];
  /** The branch's rules: a ruleset that requires a pull request, or none. */
  setRequiresPullRequest(on: boolean): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(options: {
  owner: string;
  repo: string;
  branch: string;
  files: Map<string, string>;
  publicKeyPem: string;
  installationId: number;
}): Promise<FakeGitHub> {
  const publicKey: KeyObject = createPublicKey(options.publicKeyPem);
  const commitsBySha = new Map<string, Map<string, string>>();
  const blobs = new Map<string, string>();
  const refs = new Map<string, string>();
  let commitCount = 0;
  let requiresPullRequest = false;
  const state = { commits: [] as FakeGitHub['commits'], pulls: [] as FakeGitHub['pulls'], requests: [] as string[] };

  const addCommit = (files: Map<string, string>) => {
    for (const text of files.values()) blobs.set(blobSha(text), text);
    const sha = createHash('sha1').update(`commit ${++commitCount}`).digest('hex');
    commitsBySha.set(sha, files);
    return sha;
  };
  refs.set(options.branch, addCommit(new Map(options.files)));
  const filesOf = (ref: string) => {
    const sha = refs.get(ref) ?? ref;
    return commitsBySha.get(sha);
  };
  const commitFile = (branch: string, path: string, text: string, message: string) => {
    const files = new Map(filesOf(branch)!);
    files.set(path, text);
    refs.set(branch, addCommit(files));
    state.commits.push({ branch, message, path });
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: ServerResponse) => send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
  const readJson = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>;
  };

  /** An App's JSON Web Token: RS256, signed by the App's key, issued for this App, not expired. */
  const jwtValid = (authorization: string | undefined) => {
    const token = authorization?.replace(/^bearer /i, '') ?? '';
    const [header, payload, signature] = token.split('.');
    if (!header || !payload || !signature) return false;
    if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'RS256') return false;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { exp: number; iss: string | number };
    if (claims.exp * 1000 < Date.now()) return false;
    return verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url'));
  };

  const repoPrefix = `/repos/${options.owner}/${options.repo}/`;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    state.requests.push(`${method} ${decodeURIComponent(url.pathname)}`);
    // docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
    if (method === 'POST' && url.pathname === `/app/installations/${options.installationId}/access_tokens`) {
      if (!jwtValid(req.headers.authorization)) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      return send(res, 201, {
        token: TOKEN,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { contents: 'write', pull_requests: 'write' },
        repository_selection: 'selected',
      });
    }
    if (!/^(token|bearer) /i.test(req.headers.authorization ?? '') || !req.headers.authorization!.endsWith(TOKEN))
      return send(res, 401, { message: 'Bad credentials' });
    if (!url.pathname.startsWith(repoPrefix)) return notFound(res);
    const rest = url.pathname.slice(repoPrefix.length);
    const [kind, ...parts] = rest.split('/');
    const tail = decodeURIComponent(parts.join('/'));

    // docs.github.com/en/rest/git/trees#get-a-tree (tree_sha may be a branch name)
    if (method === 'GET' && kind === 'git' && parts[0] === 'trees') {
      const files = filesOf(decodeURIComponent(parts.slice(1).join('/')));
      if (!files) return notFound(res);
      const folders = new Set<string>();
      for (const path of files.keys())
        path
          .split('/')
          .slice(0, -1)
          .forEach((_, i, all) => folders.add(all.slice(0, i + 1).join('/')));
      const tree = [
        ...[...folders].map((path) => ({ path, mode: '040000', type: 'tree', sha: createHash('sha1').update(path).digest('hex') })),
        ...[...files].map(([path, text]) => ({ path, mode: '100644', type: 'blob', sha: blobSha(text), size: Buffer.byteLength(text) })),
      ].sort((a, b) => (a.path < b.path ? -1 : 1));
      return send(res, 200, { sha: refs.get(tail) ?? tail, url: '', tree, truncated: false });
    }
    // docs.github.com/en/rest/git/blobs#get-a-blob
    if (method === 'GET' && kind === 'git' && parts[0] === 'blobs') {
      const text = blobs.get(parts[1] ?? '');
      if (text === undefined) return notFound(res);
      return send(res, 200, {
        sha: parts[1],
        node_id: '',
        url: '',
        size: Buffer.byteLength(text),
        content: Buffer.from(text).toString('base64'),
        encoding: 'base64',
      });
    }
    // docs.github.com/en/rest/git/refs#get-a-reference
    if (method === 'GET' && kind === 'git' && parts[0] === 'ref') {
      const name = decodeURIComponent(parts.slice(1).join('/')).replace(/^heads\//, '');
      const sha = refs.get(name);
      if (!sha) return notFound(res);
      return send(res, 200, { ref: `refs/heads/${name}`, node_id: '', url: '', object: { sha, type: 'commit', url: '' } });
    }
    // docs.github.com/en/rest/git/refs#create-a-reference
    if (method === 'POST' && rest === 'git/refs') {
      const body = await readJson(req);
      const name = body.ref!.replace(/^refs\/heads\//, '');
      if (refs.has(name)) return send(res, 422, { message: 'Reference already exists' });
      if (!commitsBySha.has(body.sha!)) return send(res, 422, { message: 'Object does not exist' });
      refs.set(name, body.sha!);
      return send(res, 201, { ref: body.ref, node_id: '', url: '', object: { sha: body.sha, type: 'commit', url: '' } });
    }
    // docs.github.com/en/rest/repos/contents#get-repository-content
    if (method === 'GET' && kind === 'contents') {
      const text = filesOf(url.searchParams.get('ref') ?? options.branch)?.get(tail);
      if (text === undefined) return notFound(res);
      const content = Buffer.from(text).toString('base64').replace(/.{60}/g, '$&\n');
      return send(res, 200, {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: tail.split('/').at(-1),
        path: tail,
        content,
        sha: blobSha(text),
      });
    }
    // docs.github.com/en/rest/repos/contents#create-or-update-file-contents
    if (method === 'PUT' && kind === 'contents') {
      const body = await readJson(req);
      const branch = body.branch ?? options.branch;
      const files = filesOf(branch);
      if (!files) return notFound(res);
      const current = files.get(tail);
      if (current !== undefined && !body.sha) return send(res, 422, { message: 'Invalid request.\n\n"sha" wasn\'t supplied.' });
      if (current !== undefined && body.sha !== blobSha(current)) return send(res, 409, { message: `${tail} does not match ${body.sha}` });
      const text = Buffer.from(body.content!, 'base64').toString('utf8');
      commitFile(branch, tail, text, body.message!);
      return send(res, current === undefined ? 201 : 200, {
        content: { name: tail.split('/').at(-1), path: tail, sha: blobSha(text), type: 'file' },
        commit: { sha: refs.get(branch), message: body.message },
      });
    }
    // docs.github.com/en/rest/repos/contents#delete-a-file
    if (method === 'DELETE' && kind === 'contents') {
      const body = await readJson(req);
      const branch = body.branch ?? options.branch;
      const files = filesOf(branch);
      const current = files?.get(tail);
      if (!files || current === undefined) return notFound(res);
      if (body.sha !== blobSha(current)) return send(res, 409, { message: `${tail} does not match ${body.sha}` });
      const next = new Map(files);
      next.delete(tail);
      refs.set(branch, addCommit(next));
      state.commits.push({ branch, message: body.message!, path: tail });
      return send(res, 200, { content: null, commit: { sha: refs.get(branch), message: body.message } });
    }
    // docs.github.com/en/rest/repos/rules#get-rules-for-a-branch
    if (method === 'GET' && kind === 'rules' && parts[0] === 'branches') {
      return send(
        res,
        200,
        requiresPullRequest
          ? [
              {
                type: 'pull_request',
                parameters: { required_approving_review_count: 1 },
                ruleset_source_type: 'Repository',
                ruleset_source: `${options.owner}/${options.repo}`,
                ruleset_id: 1,
              },
            ]
          : [],
      );
    }
    // docs.github.com/en/rest/branches/branches#get-a-branch
    if (method === 'GET' && kind === 'branches') {
      const sha = refs.get(tail);
      if (!sha) return notFound(res);
      return send(res, 200, { name: tail, commit: { sha }, protected: false, protection_url: '' });
    }
    // docs.github.com/en/rest/pulls/pulls#create-a-pull-request
    if (method === 'POST' && rest === 'pulls') {
      const body = await readJson(req);
      if (!refs.has(body.head!) || !refs.has(body.base!)) return send(res, 422, { message: 'Validation Failed' });
      const number = state.pulls.length + 1;
      state.pulls.push({ number, title: body.title!, head: body.head!, base: body.base!, body: body.body ?? '' });
      return send(res, 201, {
        number,
        state: 'open',
        title: body.title,
        html_url: `https://github.com/${options.owner}/${options.repo}/pull/${number}`,
        head: { ref: body.head },
        base: { ref: body.base },
      });
    }
    return notFound(res);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    files: (branch) => filesOf(branch),
    commitOnGitHub: (branch, path, text) => commitFile(branch, path, text, 'Edited on GitHub'),
    ...state,
    setRequiresPullRequest: (on) => {
      requiresPullRequest = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
