import { createHash, randomBytes } from 'node:crypto';
import { App } from '@octokit/app';
import { Octokit } from '@octokit/core';
import type { ContentFiles } from '../content/collect';
import { MAX_FILE_BYTES } from '../content/decode';
import type { ContentFile } from '../content/types';
import { isSlug } from '../content/slug';
import { EDITOR_COLLECTIONS, type EditorCollection } from './fields';
import type { GitHubEditorConfig } from './github-config';
import type { ContentStore, WriteOptions, WriteOutcome } from './store';

/**
 * GitHub mode: the content is a folder of a GitHub repository's branch, reached as the council's
 * GitHub App (installation token, made and renewed by @octokit/app). Reads come from the branch
 * as it is now: its tree (one call) and each file's blob (fetched once per blob, since a blob's
 * name is the hash of its bytes). A save is a commit through the contents API, made only over
 * the file as the writer opened it (its blob hash). Where the branch's rules ask for a pull
 * request (a ruleset's "Require a pull request before merging", or classic branch protection),
 * the save goes to a new branch and a pull request against the site's branch instead.
 *
 * The endpoints, as documented on docs.github.com/en/rest:
 * - GET  /repos/{owner}/{repo}/git/trees/{tree_sha}?recursive=1   (git/trees#get-a-tree)
 * - GET  /repos/{owner}/{repo}/git/blobs/{file_sha}                 (git/blobs#get-a-blob)
 * - GET  /repos/{owner}/{repo}/contents/{path}?ref=                 (repos/contents#get-repository-content)
 * - PUT  /repos/{owner}/{repo}/contents/{path}                      (repos/contents#create-or-update-file-contents)
 * - GET  /repos/{owner}/{repo}/rules/branches/{branch}              (repos/rules#get-rules-for-a-branch)
 * - GET  /repos/{owner}/{repo}/branches/{branch}                    (branches/branches#get-a-branch)
 * - GET  /repos/{owner}/{repo}/git/ref/heads/{branch}               (git/refs#get-a-reference)
 * - POST /repos/{owner}/{repo}/git/refs                             (git/refs#create-a-reference)
 * - DELETE /repos/{owner}/{repo}/contents/{path}                   (repos/contents#delete-a-file)
 * - POST /repos/{owner}/{repo}/pulls                                (pulls/pulls#create-a-pull-request)
 * - POST /app/installations/{installation_id}/access_tokens         (apps/apps#create-an-installation-access-token-for-an-app, by @octokit/auth-app)
 */

/** Git's name for a blob: sha1 of "blob <length>\0<bytes>", as the contents API's `sha`. */
export function gitBlobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

type Client = Pick<Octokit, 'request'>;

const COLLECTIONS = Object.keys(EDITOR_COLLECTIONS) as EditorCollection[];

/** Blobs by their hash: a blob's bytes never change, so each is fetched once per process. */
const blobs = new Map<string, Uint8Array>();
const clients = new Map<string, Promise<Client>>();

function clientFor(config: GitHubEditorConfig): Promise<Client> {
  const key = `${config.apiUrl} ${config.appId} ${config.installationId}`;
  let client = clients.get(key);
  if (!client) {
    const app = new App({ appId: config.appId, privateKey: config.privateKey, Octokit: Octokit.defaults({ baseUrl: config.apiUrl }) });
    client = app.getInstallationOctokit(config.installationId);
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

const statusOf = (error: unknown): number | undefined =>
  typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;

export function githubStore(config: GitHubEditorConfig): ContentStore {
  const { owner, repo, branch } = config;
  const repoPath = (collection: EditorCollection, slug: string) => {
    if (!Object.hasOwn(EDITOR_COLLECTIONS, collection) || !isSlug(slug)) throw new Error(`Not a content file: ${collection}/${slug}`);
    return `${config.contentPath}/${collection}/${slug}.md`;
  };

  async function blob(client: Client, sha: string): Promise<Uint8Array> {
    const known = blobs.get(sha);
    if (known) return known;
    const { data } = await client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { owner, repo, file_sha: sha });
    const bytes = new Uint8Array(Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8'));
    blobs.set(sha, bytes);
    return bytes;
  }

  async function needsReview(client: Client): Promise<boolean> {
    const rules = await client.request('GET /repos/{owner}/{repo}/rules/branches/{branch}', { owner, repo, branch });
    if (rules.data.some((rule) => rule.type === 'pull_request')) return true;
    const about = await client.request('GET /repos/{owner}/{repo}/branches/{branch}', { owner, repo, branch });
    return about.data.protected;
  }

  async function commit(client: Client, path: string, text: string, message: string, onBranch: string, expectedText: string | undefined): Promise<boolean> {
    try {
      await client.request('PUT /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo,
        path,
        branch: onBranch,
        message,
        content: Buffer.from(text, 'utf8').toString('base64'),
        ...(expectedText !== undefined ? { sha: gitBlobSha(expectedText) } : {}),
      });
      return true;
    } catch (error) {
      // 409: the file's blob is no longer the one named (changed since it was opened);
      // 422 without a sha: a file of that name was made meanwhile.
      if (statusOf(error) === 409 || statusOf(error) === 422) return false;
      throw error;
    }
  }

  const message = (title: string, author: string | undefined) => `${title}\n\nSaved in the editor${author ? ` by ${author}` : ''}.`;

  /** Makes a change on the branch, or on a new branch with a pull request where review is asked for. */
  async function change(
    title: string,
    author: string | undefined,
    apply: (client: Client, onBranch: string) => Promise<boolean>,
    name: string,
  ): Promise<WriteOutcome> {
    const client = await clientFor(config);
    if (!(await needsReview(client))) return (await apply(client, branch)) ? { ok: true } : { ok: false, conflict: 'changed' };
    const base = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
    const head = `editor/${name}-${randomBytes(3).toString('hex')}`.slice(0, 200);
    await client.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${head}`, sha: base.data.object.sha });
    if (!(await apply(client, head))) return { ok: false, conflict: 'changed' };
    const pull = await client.request('POST /repos/{owner}/{repo}/pulls', {
      owner,
      repo,
      head,
      base: branch,
      title,
      body: `Saved in the editor${author ? ` by ${author}` : ''}. The content checks run on this pull request; merge it to publish.`,
    });
    return { ok: true, review: { number: pull.data.number, url: pull.data.html_url } };
  }

  return {
    describe: () => `GitHub editor: saves go to ${owner}/${repo} (branch ${branch}), as a pull request where the branch's rules ask for review.`,

    async readText(collection, slug) {
      const client = await clientFor(config);
      try {
        const { data } = await client.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path: repoPath(collection, slug), ref: branch });
        if (Array.isArray(data) || data.type !== 'file' || data.content === undefined) return undefined;
        return Buffer.from(data.content, 'base64').toString('utf8');
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },

    async readAll() {
      const client = await clientFor(config);
      const { data } = await client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { owner, repo, tree_sha: branch, recursive: '1' });
      if (data.truncated) throw new Error(`The tree of ${owner}/${repo}@${branch} is too large for one request (GitHub truncated it).`);
      const prefix = `${config.contentPath}/`;
      const result: ContentFiles & { meetings: ContentFile[] } = { decisions: [], committees: [], projects: [], glossary: [], meetings: [], ignored: [] };
      const wanted = data.tree.filter((entry) => entry.type === 'blob' && entry.path?.startsWith(prefix) && entry.sha);
      const read = async (entry: (typeof wanted)[number]): Promise<ContentFile> => {
        const display = `content/${entry.path!.slice(prefix.length)}`;
        if ((entry.size ?? 0) > MAX_FILE_BYTES) return { path: display, bytes: new Uint8Array(0), size: entry.size! };
        return { path: display, bytes: await blob(client, entry.sha!) };
      };
      const site = wanted.find((entry) => entry.path === `${prefix}site.json`);
      if (site) result.site = await read(site);
      for (const collection of COLLECTIONS) {
        const inFolder = wanted
          .filter((entry) => /^[^/]+$/.test(entry.path!.slice(`${prefix}${collection}/`.length)) && entry.path!.startsWith(`${prefix}${collection}/`))
          .filter((entry) => !entry.path!.split('/').at(-1)!.startsWith('.'))
          .sort((a, b) => (a.path! < b.path! ? -1 : 1));
        const files: ContentFile[] = [];
        // A few at a time: the first read of a large repository fetches every blob once.
        for (let i = 0; i < inFolder.length; i += 8)
          files.push(
            ...(await Promise.all(
              inFolder
                .slice(i, i + 8)
                .filter((e) => e.path!.endsWith('.md'))
                .map(read),
            )),
          );
        result[collection] = files;
        result.ignored.push(...inFolder.filter((e) => !e.path!.endsWith('.md')).map((e) => `content/${e.path!.slice(prefix.length)}`));
      }
      return result;
    },

    write(collection, slug, text, options: WriteOptions): Promise<WriteOutcome> {
      const verb = options.expectedText === undefined ? 'Add' : 'Update';
      return change(
        `${verb} ${collection}/${slug}.md`,
        options.author,
        (client, onBranch) =>
          commit(client, repoPath(collection, slug), text, message(`${verb} ${collection}/${slug}.md`, options.author), onBranch, options.expectedText),
        `${collection}-${slug}`,
      );
    },

    remove(collection, slug, options) {
      const title = `Delete ${collection}/${slug}.md`;
      return change(
        title,
        options.author,
        async (client, onBranch) => {
          try {
            await client.request('DELETE /repos/{owner}/{repo}/contents/{path}', {
              owner,
              repo,
              path: repoPath(collection, slug),
              branch: onBranch,
              message: message(title, options.author),
              sha: gitBlobSha(options.expectedText),
            });
            return true;
          } catch (error) {
            if (statusOf(error) === 409 || statusOf(error) === 422 || statusOf(error) === 404) return false;
            throw error;
          }
        },
        `delete-${collection}-${slug}`,
      );
    },
  };
}
