/**
 * npm run bench:sqlite [-- --sizes 1000,10000] (also a step of npm run bench; --no-sqlite skips it)
 *
 * /data/decisions.db at scale: a synthetic corpus (scripts/bench/corpus.ts, the same seed as the
 * main benchmark) beside content/'s committees, projects and glossary, read through the real
 * pipeline, then the database built from it as the route builds it. Reports the file's size
 * (and gzipped, as a server or CDN may send it), the build's wall time and CPU time, and its
 * row counts. The build runs twice: the second must give the same bytes.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { decisionsDatabase } from '../../lib/data/sqlite/database';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { generatePosts } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';

const MB = 1024 * 1024;

export interface SqliteBenchRow {
  posts: number;
  items: number;
  bytes: number;
  gzipBytes: number;
  wallMs: number;
  cpuMs: number;
  sameBytes: boolean;
}

export async function runSqliteBench(
  sizes: number[],
  content = path.join(process.cwd(), 'content'),
  seed = 20110630,
): Promise<{ table: string; rows: SqliteBenchRow[] }> {
  const context = await loadCorpusContext(content);
  const rows: SqliteBenchRow[] = [];
  for (const size of sizes) {
    const folder = mkdtempSync(path.join(tmpdir(), 'bench-sqlite-'));
    try {
      cpSync(content, folder, { recursive: true });
      await writeCorpus(folder, generatePosts(context, { count: size, seed }));
      const set = collectContent(await readContentDir(folder));
      if (!set.site) throw new Error('The corpus has no site settings.');
      const indexes = buildIndexes(visibleDecisions(set.decisions, { now: new Date(), preview: false }));
      const records = { ...set, site: set.site, indexes };
      const cpu = process.cpuUsage();
      const started = performance.now();
      const bytes = decisionsDatabase(records);
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const again = decisionsDatabase(records);
      rows.push({
        posts: indexes.all.length,
        items: indexes.all.reduce((n, d) => n + d.items.length, 0),
        bytes: bytes.byteLength,
        gzipBytes: gzipSync(bytes).byteLength,
        wallMs,
        cpuMs: (used.user + used.system) / 1000,
        sameBytes: Buffer.from(bytes).equals(Buffer.from(again)),
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  const lines = [
    '| posts | items | decisions.db | gzipped | build (wall) | build (CPU) | same bytes twice |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.posts.toLocaleString('en-GB')} | ${r.items.toLocaleString('en-GB')} | ${(r.bytes / MB).toFixed(1)} MB | ${(r.gzipBytes / MB).toFixed(1)} MB | ${(r.wallMs / 1000).toFixed(1)} s | ${(r.cpuMs / 1000).toFixed(1)} s | ${r.sameBytes ? 'yes' : 'NO'} |`,
    ),
  ];
  return { table: `/data/decisions.db (lib/data/sqlite) from a synthetic corpus:\n\n${lines.join('\n')}`, rows };
}

if (process.argv[1]?.endsWith('sqlite.ts')) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--sizes');
  const sizes = (at >= 0 ? args[at + 1]! : '1000,10000').split(',').map(Number);
  const { table, rows } = await runSqliteBench(sizes);
  console.log(table);
  if (rows.some((r) => !r.sameBytes)) {
    console.error('The same content gave a different file the second time.');
    process.exitCode = 1;
  }
}
