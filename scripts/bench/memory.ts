/**
 * npm run bench:memory [-- --size 10000] [--seconds 10] [--connections 20] [--modes off,pglite,postgresql] [--keep]
 *                        [--built DIR] [--box MB]
 *
 * The server's memory (issue 26: ≤ 350 MB RSS at 10,000 posts, alerts on, embedded database).
 * The synthetic corpus (corpus.ts) in a temporary copy of the project, built once; then
 * the standalone server (as deployed) three times on that build: alerts off; alerts on with the embedded PGlite; alerts
 * on with PostgreSQL. Each start is measured by server-memory.ts (which `npm run bench` uses too,
 * in a 1 GB box). Prints the table and writes docs/benchmarks-memory.md. Loopback only; every server started
 * is stopped, also on error. `--built DIR` measures a copy kept by `--keep` again, without building
 * (another setting, or the load again on the same build). `--box MB` measures each server a second
 * time in a memory cgroup of that size, as on a small VM (memory-box.ts: Node.js sizes its heap
 * from it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generatePosts, type SyntheticPost } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';
import { runTimed } from './procs';
import { commitOf, copyProject } from './project';
import { commandLine } from './command-line';
import { memoryBox, type MemoryBox } from './memory-box';
import { MEMORY_MODES, measureServerMemory, memoryTable, type MemoryMode, type ModeResult } from './server-memory';

const REPO = process.cwd();
const { option, flag } = commandLine();
const size = Number(option('size') ?? 10_000);
const seconds = Number(option('seconds') ?? 10);
const connections = Number(option('connections') ?? 20);
const seed = Number(option('seed') ?? 20110630);
const keep = flag('keep');
const built = option('built');
const boxMegabytes = option('box') === undefined ? undefined : Number(option('box'));
const modes = (option('modes') ?? MEMORY_MODES.join(',')).split(',').filter((m): m is MemoryMode => (MEMORY_MODES as readonly string[]).includes(m));

const MB = 2 ** 20;

function log(message: string) {
  process.stderr.write(`[bench memory ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

const results: ModeResult[] = [];

async function main() {
  const root = built ? path.resolve(built) : mkdtempSync(path.join(tmpdir(), `decisions-memory-${size}-`));
  const project = path.join(root, 'project');
  if (!built) {
    mkdirSync(project);
    mkdirSync(path.join(root, 'logs'));
  }
  const loadBefore = loadavg();
  const commit = commitOf(REPO);
  log(`${size} posts in ${root}`);
  try {
    const posts = generatePosts(await loadCorpusContext(path.join(REPO, 'content')), { count: size, seed });
    if (built) await measureAll(project, root, posts);
    else {
      copyProject(REPO, project, log);
      await writeCorpus(path.join(project, 'content'), posts);
      await buildAndMeasure(project, root, posts);
    }
  } finally {
    if (keep || built) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  report(results, commit, loadBefore);
}

async function buildAndMeasure(project: string, root: string, posts: SyntheticPost[]): Promise<void> {
  log('npm run build');
  const build = await runTimed('build', 'npm', ['run', 'build'], {
    cwd: project,
    env: { NODE_ENV: 'production', NEXT_DIST_DIR: '' },
    logFile: path.join(root, 'logs', 'build.log'),
    timeoutMs: 60 * 60_000,
  });
  if (build.code !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-2000)}`);
  log(`build: ${Math.round(build.wallMs / 1000)} s, peak ${Math.round(build.peakRssBytes / MB)} MB`);
  await measureAll(project, root, posts);
}

async function measureAll(project: string, root: string, posts: SyntheticPost[]): Promise<void> {
  const decisionPath = `/decisions/${posts[Math.floor(posts.length / 2)]!.slug}`;
  const measureMode = async (mode: MemoryMode, box?: MemoryBox): Promise<void> => {
    try {
      results.push(await measureServerMemory(mode, { project, root, logs: path.join(root, 'logs'), decisionPath, connections, seconds, box, log }));
    } catch (error) {
      log(`${mode}${box ? ` in ${box.megabytes} MB` : ''} failed: ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    }
  };
  for (const mode of modes) await measureMode(mode);
  if (boxMegabytes === undefined) return;
  for (const mode of modes) {
    const box = memoryBox(`decisions-bench-${process.pid}-${mode}`, boxMegabytes);
    try {
      await measureMode(mode, box);
    } finally {
      box.remove();
    }
  }
}

function report(results: ModeResult[], commit: string, loadBefore: number[]): void {
  const text = memoryTable(results);
  process.stdout.write(`${text}\n`);
  const doc = `# Server memory benchmark

\`npm run bench:memory\` (scripts/bench/memory.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')}, commit ${commit},
${cpus().length} cores (shared; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before the run), Node ${process.version}.
${size.toLocaleString('en-GB')} synthetic posts, built once; the standalone server ${results.length} times on that build${boxMegabytes ? `, each mode as is and then in a memory cgroup of ${boxMegabytes.toLocaleString('en-GB')} MB (a small VM's memory, from which Node.js sizes its heap; scripts/bench/memory-box.ts)` : ''}. After a load of
wrk (${connections} connections × ${seconds} s each on the home page, a decision page, \`/search\`,
\`/data/decisions.db\` and \`/feed.xml\`) and 3 s of quiet, the resident memory of the server's process tree. With alerts on,
the sender runs every minute, as deployed (at start, then during the load). Target (issue 26): ≤ 350 MB with alerts on and the embedded database.

${text}
`;
  if (results.length === modes.length * (boxMegabytes === undefined ? 1 : 2)) writeFileSync(path.join(REPO, 'docs', 'benchmarks-memory.md'), doc);
  if (results.some((r) => r.problems.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
