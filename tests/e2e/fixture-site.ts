/**
 * A second copy of the production build, serving the tests' fixture content (tests/fixtures/content,
 * as the build did) plus posts a test adds:
 * the standalone server (`.next/standalone`, as deployed) run from a temporary folder, so a
 * fixture post is rendered on demand, stored by cache-handler.mjs and served from it exactly as
 * a new post on the live site would be, without a second build and without touching the build
 * the other tests use.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FIXTURE_CONTENT, FIXTURE_CONTENT_DIR } from '../support/content';

const BUILD = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next');

export interface FixturePost {
  slug: string;
  /** The whole file, frontmatter and body. */
  text: string;
}

export interface FixtureSite {
  baseURL: string;
  /** The copy of the content the server reads: a test may change it, then restart() (the server reads content once, at start). */
  contentDir: string;
  /** What the server has printed since it last started. */
  output(): string;
  /** Stops the server and starts it again on the same port and folder, with the content as it is now. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** How the server runs: its port (a free one unless given) and more environment (the alerts', say). */
export interface FixtureSiteOptions {
  port?: number;
  env?: Record<string, string>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The fixture server stopped (exit ${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The fixture server did not answer ${url} within a minute:\n${output()}`);
}

/** Files a test adds beside its posts: meeting files (content/meetings), named by slug like posts. */
export interface FixtureExtras {
  meetings?: FixturePost[];
}

/** Starts the standalone build on the fixture content plus `posts` (and `extras`), with site settings changed by `site`. */
export async function startFixtureSite(
  posts: FixturePost[],
  site: Record<string, unknown> = {},
  extras: FixtureExtras = {},
  options: FixtureSiteOptions = {},
): Promise<FixtureSite> {
  const standalone = path.join(BUILD, 'standalone');
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error(`No standalone build at ${standalone}: run npm run build first.`);
  const root = mkdtempSync(path.join(tmpdir(), 'barnet-fixture-site-'));
  cpSync(standalone, root, { recursive: true });
  cpSync(path.join(BUILD, 'static'), path.join(root, '.next', 'static'), { recursive: true });
  cpSync(path.join(process.cwd(), 'public'), path.join(root, 'public'), { recursive: true });
  // The server reads CONTENT_DIR's folder under its own working directory, as the build did.
  const content = path.join(root, ...FIXTURE_CONTENT_DIR.split('/'));
  rmSync(content, { recursive: true, force: true });
  cpSync(FIXTURE_CONTENT, content, { recursive: true });
  const settings = JSON.parse(readFileSync(path.join(content, 'site.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(path.join(content, 'site.json'), JSON.stringify({ ...settings, ...site }, null, 2));
  for (const post of posts) writeFileSync(path.join(content, 'decisions', `${post.slug}.md`), post.text);
  if (extras.meetings?.length) mkdirSync(path.join(content, 'meetings'), { recursive: true });
  for (const meeting of extras.meetings ?? []) writeFileSync(path.join(content, 'meetings', `${meeting.slug}.md`), meeting.text);

  const port = options.port ?? (await freePort());
  const baseURL = `http://localhost:${port}`;
  let output = '';
  let child: ChildProcess | undefined;
  const launch = async () => {
    output = '';
    const started = spawn(process.execPath, ['server.js'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOSTNAME: 'localhost',
        SITE_NOW: '',
        CONTENT_DIR: FIXTURE_CONTENT_DIR,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitForServer(`${baseURL}/`, started, () => output);
    } catch (error) {
      started.kill('SIGKILL');
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
  };
  const halt = async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  };
  await launch();
  return {
    baseURL,
    contentDir: content,
    output: () => output,
    async restart() {
      await halt();
      await launch();
    },
    async stop() {
      await halt();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
