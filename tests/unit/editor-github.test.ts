/**
 * The editor's GitHub mode (lib/editor/github-store.ts) against tests/support/fake-github.ts: a
 * local HTTP server that is a STAND-IN for GitHub, answering the subset of GitHub's REST API the
 * editor uses with the request and response shapes documented on docs.github.com/en/rest
 * (git/trees#get-a-tree, git/blobs#get-a-blob, git/refs#get-a-reference and
 * #create-a-reference, repos/contents#get-repository-content and
 * #create-or-update-file-contents and #delete-a-file, repos/rules#get-rules-for-a-branch,
 * branches/branches#get-a-branch, pulls/pulls#create-a-pull-request,
 * apps/apps#create-an-installation-access-token-for-an-app). GitHub itself cannot be reached from
 * the tests. The repository is loaded with the fixture content (tests/fixtures/content).
 */
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { readContentDir } from '../../lib/content/read-content-dir';
import { accessProblem, requestProblem } from '../../lib/editor/requests';
import { githubEditorConfig } from '../../lib/editor/github-config';
import { deleteFile, readAll, readStored, saveFile } from '../../lib/editor/store';
import { blobSha, startFakeGitHub, type FakeGitHub } from '../support/fake-github';

const FIXTURES = path.join(process.cwd(), 'tests/fixtures/content');
const DECISION = '2011-03-03-last-night-in-hendon';
const DECISION_PATH = `content/decisions/${DECISION}.md`;

function filesBelow(dir: string, prefix: string, into = new Map<string, string>()): Map<string, string> {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) filesBelow(full, `${prefix}${name}/`, into);
    else into.set(`${prefix}${name}`, readFileSync(full, 'utf8'));
  }
  return into;
}

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let github: FakeGitHub;
let env: Record<string, string>;

beforeAll(async () => {
  const files = filesBelow(FIXTURES, 'content/');
  files.set('README.md', '# The council site\n');
  github = await startFakeGitHub({
    owner: 'barnet',
    repo: 'decisions',
    branch: 'main',
    files,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    installationId: 42,
  });
  env = {
    NODE_ENV: 'development',
    BARNET_EDITOR: 'github',
    GITHUB_APP_ID: '1234',
    // As a .env file holds it: one line, with \n for each line break.
    GITHUB_APP_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n'),
    GITHUB_APP_INSTALLATION_ID: '42',
    GITHUB_REPOSITORY: 'barnet/decisions',
    GITHUB_BRANCH: 'main',
    EDITOR_AUTH_USER_HEADER: 'X-Forwarded-Email',
    EDITOR_PUBLIC_HOST: 'editor.barnet.example',
    GITHUB_API_URL: github.url,
  };
});
afterAll(() => github.close());
beforeEach(() => {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  github.setRequiresPullRequest(false);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

/** The decision as the editor opens it, with its body changed as a writer would change it. */
async function editedDecision(paragraph: string) {
  const stored = (await readStored('decisions', DECISION))!;
  expect(stored.opened).toBeDefined();
  return { hash: stored.hash, text: `${stored.opened!.text.trimEnd()}\n\n${paragraph}\n` };
}

describe('GitHub mode', () => {
  it('reads the content from the branch: the same files, byte for byte, as the folder they came from', async () => {
    const fromGitHub = await readAll();
    const fromDisk = await readContentDir(FIXTURES, 'content');
    for (const collection of ['decisions', 'committees', 'projects', 'glossary', 'meetings'] as const) {
      const got = (fromGitHub[collection] ?? []).map((f) => [f.path, Buffer.from(f.bytes).toString('utf8')]);
      const want = (fromDisk[collection] ?? []).map((f) => [f.path, Buffer.from(f.bytes).toString('utf8')]);
      expect(got.length).toBeGreaterThan(0);
      expect(got).toEqual(want);
    }
    expect(Buffer.from(fromGitHub.site!.bytes).toString('utf8')).toBe(readFileSync(path.join(FIXTURES, 'site.json'), 'utf8'));
    // Authenticated as the App: a token was made from a signed JSON Web Token.
    expect(github.requests).toContain('POST /app/installations/42/access_tokens');
  });

  it('commits a save straight to the branch when its rules ask for no review, naming who saved', async () => {
    const { hash, text } = await editedDecision('A paragraph saved straight to main.');
    const result = await saveFile('decisions', DECISION, text, { isNew: false, expectedHash: hash, author: 'a.writer@barnet.example' });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.review).toBeFalsy();
    expect(github.files('main')!.get(DECISION_PATH)).toBe(text);
    expect(github.commits.at(-1)).toMatchObject({ branch: 'main', path: DECISION_PATH });
    expect(github.commits.at(-1)!.message).toContain('a.writer@barnet.example');
    expect(github.pulls).toHaveLength(0);
  });

  it('sends a save to a new branch and a pull request when the branch requires one, leaving the branch as it was', async () => {
    github.setRequiresPullRequest(true);
    const before = github.files('main')!.get(DECISION_PATH);
    const { hash, text } = await editedDecision('A paragraph for review.');
    const result = await saveFile('decisions', DECISION, text, { isNew: false, expectedHash: hash });
    expect(result.ok && result.review?.number).toBe(1);
    expect(github.files('main')!.get(DECISION_PATH)).toBe(before);
    const pull = github.pulls[0]!;
    expect(pull.base).toBe('main');
    expect(github.files(pull.head)!.get(DECISION_PATH)).toBe(text);
  });

  it('adds a new file over GitHub', async () => {
    const text = '---\nterm: "Stand-in term"\nsummary: "A term added through the editor in GitHub mode."\n---\n\nA term added through the editor.\n';
    const result = await saveFile('glossary', 'stand-in-term', text, { isNew: true });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(github.files('main')!.get('content/glossary/stand-in-term.md')).toBe(text);
  });

  it('refuses to overwrite a file changed on GitHub since it was opened', async () => {
    const { hash, text } = await editedDecision('Edited in the editor.');
    const theirs = `${text}\nEdited on GitHub meanwhile.\n`;
    github.commitOnGitHub('main', DECISION_PATH, theirs);
    const result = await saveFile('decisions', DECISION, text, { isNew: false, expectedHash: hash });
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.field)).toEqual(['file']);
    expect(github.files('main')!.get(DECISION_PATH)).toBe(theirs);
    expect(blobSha(theirs)).not.toBe(blobSha(text));
  });

  it('commits nothing that content:check would refuse', async () => {
    const stored = (await readStored('decisions', DECISION))!;
    const broken = stored.opened!.text.replace(/^date: .*$/m, 'date: 2011-02-30');
    const commits = github.commits.length;
    const result = await saveFile('decisions', DECISION, broken, { isNew: false, expectedHash: stored.hash });
    expect(result.ok).toBe(false);
    expect(result.problems.some((p) => p.field === 'date')).toBe(true);
    expect(github.commits.length).toBe(commits);
  });
});

describe('deleting a file', () => {
  it('deletes a post that nothing else needs, only as it was opened', async () => {
    const slug = '2011-03-30-another-one-barnet-project-approved';
    const file = `content/decisions/${slug}.md`;
    const stored = (await readStored('decisions', slug))!;
    expect(await deleteFile('decisions', slug, { expectedHash: 'not-the-file-as-opened' })).toMatchObject({ ok: false });
    expect(github.files('main')!.has(file)).toBe(true);
    expect(await deleteFile('decisions', slug, { expectedHash: stored.hash, author: 'a.writer@barnet.example' })).toEqual({ ok: true });
    expect(github.files('main')!.has(file)).toBe(false);
    expect(github.commits.at(-1)!.message).toMatch(/^Delete decisions\/.*a\.writer@barnet\.example/s);
  });

  it('refuses to delete a committee that posts still name, and says which', async () => {
    const committee = 'cabinet-resources-committee';
    const stored = (await readStored('committees', committee))!;
    const result = await deleteFile('committees', committee, { expectedHash: stored.hash });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.some((p) => p.file.startsWith('content/decisions/') && p.field === 'committee')).toBe(true);
    expect(github.files('main')!.has(`content/committees/${committee}.md`)).toBe(true);
  });
});

describe("GitHub mode's sign-in", () => {
  const headers = (values: Record<string, string>) => new Headers(values);

  it('refuses to run at all without its settings, naming each one missing', () => {
    vi.stubEnv('EDITOR_AUTH_USER_HEADER', '');
    vi.stubEnv('GITHUB_APP_ID', '');
    const refused = accessProblem(headers({ host: 'editor.barnet.example', 'x-forwarded-email': 'a@b' }));
    expect(refused?.status).toBe(503);
    expect(refused?.message).toContain('EDITOR_AUTH_USER_HEADER');
    expect(refused?.message).toContain('GITHUB_APP_ID');
    expect(githubEditorConfig().ok).toBe(false);
  });

  it('refuses a request the sign-in proxy has not named a person on, or for another host', () => {
    expect(accessProblem(headers({ host: 'editor.barnet.example' }))?.status).toBe(401);
    expect(accessProblem(headers({ host: 'editor.barnet.example', 'x-forwarded-email': '  ' }))?.status).toBe(401);
    expect(accessProblem(headers({ host: 'elsewhere.example', 'x-forwarded-email': 'a@b' }))?.status).toBe(403);
    expect(accessProblem(headers({ host: 'editor.barnet.example', 'x-forwarded-email': 'a.writer@barnet.example' }))).toBeUndefined();
  });

  it("accepts a save only from the editor's own pages at its public address", () => {
    const save = (extra: Record<string, string>) =>
      requestProblem(
        new Request('http://127.0.0.1/editor/save', { method: 'POST', headers: { host: 'editor.barnet.example', 'x-forwarded-email': 'a@b', ...extra } }),
      );
    expect(save({ origin: 'https://editor.barnet.example', 'sec-fetch-site': 'same-origin' })).toBeUndefined();
    expect(save({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toMatch(/another site/);
    expect(save({ origin: 'http://editor.barnet.example' })).toMatch(/another site/);
  });
});
