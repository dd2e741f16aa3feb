/**
 * npm run bench:history [-- --size 10000]
 * What the history adds to a build: the time `scripts/content-history.ts` takes to read the
 * history of SIZE posts with three versions each (first published; the summary changed without a
 * note; an outcome corrected with a note) from a git repository made in a temporary folder with
 * the bench corpus. It reports wall and CPU time of the read (git log, git cat-file, parsing,
 * the field differences) and the size of the history file; nothing else of the build changes
 * (history pages are rendered on demand, not at build time).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readContentHistory } from '../../lib/history/git';
import { generatePosts, postToMarkdown, type SyntheticPost } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';

const args = process.argv.slice(2);
const sizeFlag = args.indexOf('--size');
const size = sizeFlag >= 0 ? Number(args[sizeFlag + 1]) : 10_000;
const REPO = process.cwd();
const dir = mkdtempSync(path.join(tmpdir(), 'bench-history-'));
const git = (gitArgs: string[], at: string) =>
  execFileSync('git', ['-C', dir, '-c', 'user.name=Bench', '-c', 'user.email=bench@example.invalid', '-c', 'commit.gpgsign=false', ...gitArgs], {
    env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at },
    stdio: 'pipe',
  });

try {
  const context = await loadCorpusContext(path.join(REPO, 'content'));
  const posts = generatePosts(context, { count: size, seed: 1, to: '2024-12-01' });
  const content = path.join(dir, 'content');
  git(['init', '-q', '-b', 'main'], '2025-01-01T00:00:00Z');
  const commitAll = (at: string, message: string) => {
    git(['add', '-A'], at);
    git(['commit', '-q', '-m', message], at);
  };
  const writeAll = (transform: (p: SyntheticPost) => string) => {
    for (const post of posts) writeFileSync(path.join(content, 'decisions', `${post.slug}.md`), transform(post));
  };
  await writeCorpus(content, posts);
  commitAll('2025-01-01T09:00:00Z', 'first versions');
  writeAll((p) => postToMarkdown({ ...p, summary: `${p.summary} (reworded)` }));
  commitAll('2025-01-02T09:00:00Z', 'summaries reworded, no note');
  writeAll((p) => {
    const corrected = postToMarkdown({
      ...p,
      summary: `${p.summary} (reworded)`,
      items: p.items.map((item, i) => (i === 0 ? { ...item, outcome: item.outcome === 'approved' ? 'deferred' : 'approved' } : item)),
    });
    return corrected.replace('\n---\n', '\nupdates:\n  - date: 2025-01-03\n    note: "The outcome was wrong."\n---\n');
  });
  commitAll('2025-01-03T09:00:00Z', 'outcomes corrected, with a note');

  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const history = await readContentHistory(content, { now: new Date('2025-02-01T00:00:00Z') });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const spent = process.cpuUsage(cpu);
  const versions = history.posts.reduce((n, p) => n + p.versions.length, 0);
  const bytes = Buffer.byteLength(JSON.stringify(history));
  process.stdout.write(
    `${JSON.stringify({ posts: size, publicVersions: versions, wallMs: Math.round(wallMs), cpuMsThisProcess: Math.round((spent.user + spent.system) / 1000), historyFileBytes: bytes }, null, 2)}\n`,
  );
  if (versions !== size * 3) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
