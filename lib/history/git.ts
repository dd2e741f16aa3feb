/**
 * Reads the history of every post from the content's git history: one `git log` over
 * content/decisions (oldest first, along the first parent, so a merged branch counts from the
 * moment it was merged, as the live site saw it), then every version's bytes through one
 * `git cat-file --batch` (one process for all of them: a `git show` per version would start
 * 30,000 processes at 10,000 posts). git runs through execFile/spawn with an argument list,
 * never a shell string. Renames are not followed: a renamed file is a post withdrawn and a new one.
 */
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseDecision } from '../content/parse-collections';
import type { Decision } from '../content/types';
import { isSlug } from '../content/slug';
import { HISTORY_FORMAT, unavailableHistory, type HistoryFile, type PostHistory } from './types';
import { publicVersions, type FileState } from './versions';

const run = promisify(execFile);
const MAX_OUTPUT = 1024 * 1024 * 1024;
const ZERO = /^0+$/;

interface Touch {
  commit: string;
  committedAt: Date;
  slug: string;
  /** The file's blob id after the commit, or undefined when the commit deleted it. */
  blob?: string;
}

/**
 * Parses `git log -z --raw --format=%H %ct` output: NUL-separated tokens, a commit's header
 * ("<id> <time>") then, per file, ":<modes> <old> <new> <status>" and the path. One pass.
 */
export function parseRawLog(output: string, folder: string): Touch[] {
  const tokens = output.split('\0');
  const touches: Touch[] = [];
  let commit = '';
  let committedAt = new Date(0);
  const prefix = folder === '' ? '' : `${folder}/`;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n+/, '');
    if (token === '') continue;
    if (token.startsWith(':')) {
      const file = tokens[++i] ?? '';
      const fields = token.split(' ');
      const blob = fields[3] ?? '';
      if (!file.startsWith(prefix) || !file.endsWith('.md')) continue;
      const name = file.slice(prefix.length, -'.md'.length);
      if (name.includes('/') || !isSlug(name)) continue;
      touches.push({ commit, committedAt, slug: name, ...(ZERO.test(blob) ? {} : { blob }) });
    } else {
      const [id, time] = token.split(' ');
      commit = id ?? '';
      committedAt = new Date(Number(time) * 1000);
    }
  }
  return touches;
}

/** Every blob's bytes, through one `git cat-file --batch`. */
async function readBlobs(repo: string, ids: readonly string[]): Promise<Map<string, Buffer>> {
  const blobs = new Map<string, Buffer>();
  if (ids.length === 0) return blobs;
  const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`git cat-file failed (${code}): ${stderr.slice(0, 500)}`))));
  });
  child.stdin.end(`${ids.join('\n')}\n`);
  await done;
  const out = Buffer.concat(chunks);
  let at = 0;
  for (const id of ids) {
    const lineEnd = out.indexOf(10, at);
    const header = out.subarray(at, lineEnd).toString('latin1').split(' ');
    if (header[1] !== 'blob') throw new Error(`git cat-file: ${id} is not a blob (${header.join(' ').slice(0, 100)})`);
    const size = Number(header[2]);
    blobs.set(id, out.subarray(lineEnd + 1, lineEnd + 1 + size));
    at = lineEnd + 1 + size + 1;
  }
  return blobs;
}

/** Where the content folder is in its git repository, or why there is none. */
async function repositoryOf(contentDir: string): Promise<{ repo: string; folder: string } | { problem: string }> {
  try {
    const { stdout } = await run('git', ['-C', contentDir, 'rev-parse', '--show-toplevel', '--show-prefix'], { maxBuffer: 1024 * 1024 });
    const [top, prefix] = stdout.split('\n');
    if (!top) return { problem: 'git found no repository' };
    return { repo: top, folder: (prefix ?? '').replace(/\/$/, '') };
  } catch (error) {
    const message = (error as { code?: string }).code === 'ENOENT' ? 'git is not installed' : 'the content folder is not in a git repository';
    return { problem: message };
  }
}

/**
 * The history of every post under `contentDir`/decisions, or an unavailable history (with the
 * reason) where there is no git or no repository. `displayRoot` names the folder in messages.
 */
export async function readContentHistory(contentDir: string, options: { now?: Date } = {}): Promise<HistoryFile> {
  const now = options.now ?? new Date();
  const where = await repositoryOf(path.resolve(contentDir));
  if ('problem' in where) return unavailableHistory(`No history is available: ${where.problem}.`, now);
  const folder = [where.folder, 'decisions'].filter(Boolean).join('/');
  const { stdout } = await run(
    'git',
    [
      '-C',
      where.repo,
      'log',
      '--reverse',
      '--first-parent',
      '--diff-merges=first-parent',
      '--no-renames',
      '--raw',
      '--no-abbrev',
      '-z',
      '--format=%H %ct',
      '--',
      folder,
    ],
    { maxBuffer: MAX_OUTPUT, encoding: 'utf8' },
  );
  const touches = parseRawLog(stdout, folder);
  const blobs = await readBlobs(where.repo, [...new Set(touches.flatMap((t) => (t.blob ? [t.blob] : [])))]);
  // One parse per distinct blob: a post saved twice with the same bytes is parsed once.
  const parsed = new Map<string, Decision | null>();
  const byPost = new Map<string, FileState[]>();
  for (const touch of touches) {
    let state: FileState;
    if (!touch.blob) state = { commit: touch.commit, committedAt: touch.committedAt, kind: 'deleted' };
    else {
      const key = `${touch.slug} ${touch.blob}`;
      if (!parsed.has(key)) {
        const file = { path: `content/decisions/${touch.slug}.md`, bytes: blobs.get(touch.blob)! };
        parsed.set(key, parseDecision(file).record ?? null);
      }
      const decision = parsed.get(key);
      state = decision
        ? { commit: touch.commit, committedAt: touch.committedAt, kind: 'present', decision }
        : { commit: touch.commit, committedAt: touch.committedAt, kind: 'invalid' };
    }
    const list = byPost.get(touch.slug);
    if (list) list.push(state);
    else byPost.set(touch.slug, [state]);
  }
  const posts: PostHistory[] = [];
  for (const slug of [...byPost.keys()].sort()) {
    const history = publicVersions(slug, byPost.get(slug)!);
    if (history.versions.length > 0) posts.push(history);
  }
  return { format: HISTORY_FORMAT, available: true, generatedAt: now.toISOString(), posts };
}
