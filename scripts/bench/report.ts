/** The benchmark's results, the issue's targets, and the Markdown table of both. */
import { median, type LoadResult } from './http';
import { MODE_NAMES, type MemoryMode } from './server-memory';

export interface Measured {
  wallMs: number;
  cpuMs?: number;
  peakRssBytes?: number;
  ok: boolean;
}

export interface SizeResult {
  size: number;
  /** Patches applied to the temporary copy (`--patch`), named by `--label`: a what-if, not the project as it is. */
  variant?: string;
  date: string;
  commit: string;
  node: string;
  cpus: number;
  loadAverage: number[];
  /** At the end of the run: the machine is shared, and its load changes during a run. */
  loadAverageAfter?: number[];
  seconds: number;
  connections: number;
  /** What made the loads on one address: wrk since 6 December 2026; autocannon in runs before (unset). */
  loadTool?: 'wrk' | 'autocannon';
  /** Cold: no parse cache (.cache/ is not copied into the benchmark's project). */
  contentCheck?: Measured;
  /** Run again at once, nothing changed: every file's checks come from the parse cache. */
  contentCheckUnchanged?: Measured;
  build?: Measured & { pagesGenerated?: number; phases?: string; largestPages?: string; peakBreakdown?: string };
  rebuild?: Measured;
  /** Publishing once more in a memory cgroup of `boxMegabytes`, as a small VM gives (`--publish-box`). */
  rebuildInBox?: Measured & { boxMegabytes: number; oomKills: number };
  serverReadyMs?: number;
  firstView?: { p50Ms: number; p95Ms: number; maxMs: number; count: number; failures: number; preRendered: number };
  html?: { homeBytes: number; homeGzipBytes: number; decisionBytes: number; decisionGzipBytes: number; hugoDecisionBytes?: number };
  /** Requests a second of each round of the decision-page comparison; the best is in load/hugo/proxy. */
  decisionRounds?: { static: number[]; next: number[]; proxy: number[]; errors: number };
  /** The decision page asked for with `Accept-Encoding: gzip`, as browsers do: pre-compressed static copy against the cache's gzip copy. */
  gzip?: { static: LoadResult; proxy: LoadResult; staticBytes: number; proxyBytes: number };
  load: Partial<Record<'home' | 'decision' | 'committee' | 'feed' | 'search', LoadResult>>;
  searchLatency?: { p50Ms: number; p95Ms: number; count: number; failures: number };
  /**
   * Filtered downloads (/data/decisions.csv?… and .json?…), one request at a time over distinct
   * views: the first request of each (built then), the second (memoised), and the same through
   * deploy/nginx.conf once cached. Rows and bytes of the views, to compare with the whole file.
   */
  filteredData?: {
    views: number;
    failures: number;
    csv: { firstP95Ms: number; againP95Ms: number; cacheP95Ms?: number; cacheHits?: number };
    json: { firstP95Ms: number; againP95Ms: number; cacheP95Ms?: number; cacheHits?: number };
    wholeCsvFirstMs: number;
    medianCsvBytes: number;
    wholeCsvBytes: number;
  };
  serverRssAfterLoadBytes?: number;
  /**
   * The standalone server started once in each alerts mode in a memory cgroup of `boxMegabytes`
   * (`--memory-box`; server-memory.ts): its process tree's RSS after a load. Undefined RSS: the
   * start failed (see problems).
   */
  serverMemoryInBox?: Array<{ mode: MemoryMode; boxMegabytes: number; afterLoadRssBytes?: number; processes?: string; problems: string[] }>;
  proxy?: { cacheStatuses: string[]; decision?: LoadResult; home?: LoadResult };
  hugo?: Measured & { pages?: number; decision?: LoadResult; home?: LoadResult };
  /** The cached decision page's bytes, served as a file by the static nginx: the cache's cost on equal bytes. */
  sameBytes?: LoadResult;
  /** Which of `--runs N` runs of this size this is (1 when not given). */
  run?: number;
  /** `/search` for one query at 100 connections for 20 s: whether it holds (issue 26). */
  searchFlood?: LoadResult;
  errors: string[];
}

export const TARGETS = {
  buildRatio: 5,
  buildPeakBytes: 2 * 1024 ** 3,
  contentCheckMs: 5000,
  contentCheckUnchangedMs: 2000,
  firstViewP95Ms: 300,
  homeBytes: 60 * 1024,
  searchP95Ms: 100,
  directShare: 0.04,
  proxyShare: 0.5,
};

const sec = (ms?: number) => (ms === undefined ? '–' : ms >= 100_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`);
const msText = (ms?: number) => (ms === undefined || Number.isNaN(ms) ? '–' : `${Math.round(ms)} ms`);
const kb = (bytes?: number) => (bytes === undefined ? '–' : `${(bytes / 1024).toFixed(1)} KB`);
const mib = (bytes?: number) =>
  bytes === undefined ? '–' : bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
const rps = (l?: LoadResult) => (l ? `${Math.round(l.requestsPerSecond).toLocaleString('en-GB')} req/s, p99 ${l.p99Ms} ms` : '–');
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✅' : ' ❌');
const pct = (x: number) => (x >= 0.1 ? `${Math.round(x * 100)}%` : `${(x * 100).toFixed(1)}%`);

interface Row {
  metric: string;
  target: string;
  value: (r: SizeResult) => string;
}

function ratio(a?: number, b?: number): number | undefined {
  return a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
}

function loadErrors(r: SizeResult): number {
  const others = [r.load.home, r.load.committee, r.load.feed, r.load.search, r.proxy?.home].filter((l): l is LoadResult => l !== undefined);
  const decision = r.decisionRounds
    ? r.decisionRounds.errors
    : [r.load.decision, r.proxy?.decision, r.hugo?.decision].reduce((sum, l) => sum + (l ? l.non2xx + l.errors + l.timeouts : 0), 0);
  return others.reduce((sum, l) => sum + l.non2xx + l.errors + l.timeouts, 0) + decision;
}

const ROWS: Row[] = [
  {
    metric: '`npm run content:check`, cold (no parse cache)',
    target: '< 5 s',
    value: (r) =>
      r.contentCheck
        ? `${sec(r.contentCheck.wallMs)} (CPU ${sec(r.contentCheck.cpuMs)})${mark(r.contentCheck.ok && r.contentCheck.wallMs < TARGETS.contentCheckMs)}`
        : '–',
  },
  {
    metric: '`npm run content:check`, nothing changed',
    target: '< 2 s',
    value: (r) =>
      r.contentCheckUnchanged
        ? `${sec(r.contentCheckUnchanged.wallMs)} (CPU ${sec(r.contentCheckUnchanged.cpuMs)})${mark(r.contentCheckUnchanged.ok && r.contentCheckUnchanged.wallMs < TARGETS.contentCheckUnchangedMs)}`
        : '–',
  },
  {
    metric: '`npm run build`, first (compiles; wall; CPU of the tree)',
    target: '≤ 5 × Hugo',
    value: (r) => (r.build ? `${sec(r.build.wallMs)} (CPU ${sec(r.build.cpuMs)})${r.build.ok ? '' : ' failed'}` : '–'),
  },
  {
    metric: '`hugo --minify`, same posts',
    target: '–',
    value: (r) => (r.hugo ? `${sec(r.hugo.wallMs)} (CPU ${sec(r.hugo.cpuMs)}), ${r.hugo.pages ?? '?'} pages` : '–'),
  },
  {
    metric: 'Build time ÷ Hugo',
    target: '≤ 5×',
    value: (r) => {
      const x = ratio(r.build?.wallMs, r.hugo?.wallMs);
      return x === undefined ? '–' : `${x.toFixed(1)}×${mark(x <= TARGETS.buildRatio)}`;
    },
  },
  {
    metric: 'Build peak memory (whole process tree)',
    target: '< 2 GiB',
    value: (r) => (r.build ? `${mib(r.build.peakRssBytes)}${mark((r.build.peakRssBytes ?? 0) < TARGETS.buildPeakBytes)}` : '–'),
  },
  { metric: 'Processes at the build’s peak', target: '–', value: (r) => r.build?.peakBreakdown || '–' },
  { metric: 'Pages generated at build', target: '–', value: (r) => (r.build?.pagesGenerated === undefined ? '–' : String(r.build.pagesGenerated)) },
  { metric: 'Build phases (as `next build` reports them)', target: '–', value: (r) => r.build?.phases || '–' },
  { metric: 'Largest pre-rendered pages', target: '–', value: (r) => r.build?.largestPages || '–' },
  {
    metric: 'Publishing: `npm run build` after one more post (compiled code, .next/cache and .cache kept)',
    target: '–',
    value: (r) =>
      r.rebuild ? `${sec(r.rebuild.wallMs)} (CPU ${sec(r.rebuild.cpuMs)}), peak ${mib(r.rebuild.peakRssBytes)}${r.rebuild.ok ? '' : ' failed'}` : '–',
  },
  {
    metric: 'Publishing once more in a memory cgroup (`--publish-box`)',
    target: '–',
    value: (r) => {
      const boxed = r.rebuildInBox;
      if (!boxed) return '–';
      const outcome = boxed.ok && boxed.oomKills === 0 ? 'completes' : `fails${boxed.oomKills ? `, ${boxed.oomKills} killed for memory` : ''}`;
      return `${boxed.boxMegabytes.toLocaleString('en-GB')} MB: ${outcome}, ${sec(boxed.wallMs)}, peak ${mib(boxed.peakRssBytes)}`;
    },
  },
  { metric: 'The server ready (spawn → first answer)', target: '–', value: (r) => sec(r.serverReadyMs) },
  {
    metric: 'First view of a never-requested decision, p50 / p95 (30 random)',
    target: 'p95 < 300 ms',
    value: (r) =>
      r.firstView
        ? `${msText(r.firstView.p50Ms)} / ${msText(r.firstView.p95Ms)}${r.firstView.failures ? `, ${r.firstView.failures} failed` : ''}${mark(r.firstView.failures === 0 && r.firstView.p95Ms < TARGETS.firstViewP95Ms)}`
        : '–',
  },
  {
    metric: 'Home page HTML (gzip)',
    target: '< 60 KB',
    value: (r) => (r.html ? `${kb(r.html.homeBytes)} (${kb(r.html.homeGzipBytes)})${mark(r.html.homeBytes < TARGETS.homeBytes)}` : '–'),
  },
  {
    metric: 'Decision page HTML (gzip); Hugo’s',
    target: '–',
    value: (r) => (r.html ? `${kb(r.html.decisionBytes)} (${kb(r.html.decisionGzipBytes)}); ${kb(r.html.hugoDecisionBytes)}` : '–'),
  },
  { metric: 'Home, the server', target: '–', value: (r) => rps(r.load.home) },
  { metric: 'Decision page, the server', target: '≥ 4% of nginx', value: (r) => rps(r.load.decision) },
  { metric: 'Committee page, the server', target: '–', value: (r) => rps(r.load.committee) },
  { metric: '`/feed.xml`, the server', target: '–', value: (r) => rps(r.load.feed) },
  { metric: 'Search, the server', target: '–', value: (r) => rps(r.load.search) },
  {
    metric: 'Search, one query at a time, p50 / p95',
    target: 'p95 < 100 ms',
    value: (r) =>
      r.searchLatency
        ? `${msText(r.searchLatency.p50Ms)} / ${msText(r.searchLatency.p95Ms)}${r.searchLatency.failures ? `, ${r.searchLatency.failures} failed` : ''}${mark(r.searchLatency.failures === 0 && r.searchLatency.p95Ms < TARGETS.searchP95Ms)}`
        : '–',
  },
  {
    metric: 'Filtered CSV / JSON (distinct views, one at a time), p95: first request / again / via deploy/nginx.conf cache',
    target: '–',
    value: (r) => {
      const f = r.filteredData;
      if (!f) return '–';
      const one = (x: typeof f.csv) => `${msText(x.firstP95Ms)} / ${msText(x.againP95Ms)} / ${msText(x.cacheP95Ms)}`;
      return `${one(f.csv)}; ${one(f.json)} (${f.views} views${f.failures ? `, ${f.failures} failed` : ''})`;
    },
  },
  {
    metric: 'Filtered CSV: first ÷ again ÷ cache; median view’s size ÷ whole CSV; whole CSV’s first request',
    target: '–',
    value: (r) => {
      const f = r.filteredData;
      if (!f) return '–';
      const x = (a?: number, b?: number) => {
        const q = ratio(a, b);
        return q === undefined ? '–' : `${q.toFixed(1)}×`;
      };
      return `${x(f.csv.firstP95Ms, f.csv.againP95Ms)} the memoised, ${x(f.csv.againP95Ms, f.csv.cacheP95Ms)} the cache; ${pct(f.medianCsvBytes / f.wholeCsvBytes)} (${kb(f.medianCsvBytes)} of ${kb(f.wholeCsvBytes)}); ${msText(f.wholeCsvFirstMs)}`;
    },
  },
  { metric: 'Decision page, Hugo output on nginx (static anchor)', target: '–', value: (r) => rps(r.hugo?.decision) },
  {
    metric: 'Decision page rounds, req/s: nginx static / the server / nginx cache',
    target: 'best round kept',
    value: (r) => (r.decisionRounds ? (['static', 'next', 'proxy'] as const).map((k) => r.decisionRounds![k].join(', ')).join(' / ') : '–'),
  },
  {
    metric: 'Decision page, the server ÷ nginx static',
    target: '≥ 4%',
    value: (r) => {
      const x = ratio(r.load.decision?.requestsPerSecond, r.hugo?.decision?.requestsPerSecond);
      return x === undefined ? '–' : `${pct(x)}${mark(x >= TARGETS.directShare)}`;
    },
  },
  { metric: 'Decision page via deploy/nginx.conf cache', target: '≥ 50% of nginx', value: (r) => rps(r.proxy?.decision) },
  {
    metric: 'Decision page via cache ÷ nginx static',
    target: '≥ 50%',
    value: (r) => {
      const x = ratio(r.proxy?.decision?.requestsPerSecond, r.hugo?.decision?.requestsPerSecond);
      return x === undefined ? '–' : `${pct(x)}${mark(x >= TARGETS.proxyShare)}`;
    },
  },
  {
    metric: 'With `Accept-Encoding: gzip` (browsers): nginx static (gzip_static) / nginx cache, bytes',
    target: '–',
    value: (r) => (r.gzip ? `${rps(r.gzip.static)} (${kb(r.gzip.staticBytes)}) / ${rps(r.gzip.proxy)} (${kb(r.gzip.proxyBytes)})` : '–'),
  },
  {
    metric: 'With gzip: cache ÷ static',
    target: '(≥ 50%)',
    value: (r) => {
      const x = ratio(r.gzip?.proxy.requestsPerSecond, r.gzip?.static.requestsPerSecond);
      return x === undefined ? '–' : `${pct(x)}${mark(x >= TARGETS.proxyShare)}`;
    },
  },
  { metric: 'Home via deploy/nginx.conf cache', target: '–', value: (r) => rps(r.proxy?.home) },
  {
    metric: 'X-Cache-Status, 1st / 2nd request',
    target: 'HIT on the 2nd',
    value: (r) => (r.proxy ? `${r.proxy.cacheStatuses.join(' / ')}${mark(r.proxy.cacheStatuses[1] === 'HIT')}` : '–'),
  },
  { metric: 'Non-2xx, errors and timeouts under load', target: '0', value: (r) => `${loadErrors(r)}${mark(loadErrors(r) === 0)}` },
  {
    metric: 'Server memory after the load (process tree)',
    target: '< 2 GiB',
    value: (r) => `${mib(r.serverRssAfterLoadBytes)}${r.serverRssAfterLoadBytes === undefined ? '' : mark(r.serverRssAfterLoadBytes < TARGETS.buildPeakBytes)}`,
  },
];

function byColumn(a: SizeResult, b: SizeResult): number {
  return a.size - b.size || (a.variant ?? '').localeCompare(b.variant ?? '') || (a.run ?? 1) - (b.run ?? 1);
}

export function columnName(r: SizeResult): string {
  return `${r.size.toLocaleString('en-GB')} posts${r.variant ? `, ${r.variant}` : ''}${r.run ? `, run ${r.run}` : ''}`;
}

/** Issue 26's goals: each a ratio against Hugo or nginx measured in the same run, or a figure. */
interface Goal {
  goal: string;
  target: string;
  /** The figure of one run, undefined when that run did not measure it. */
  value: (r: SizeResult) => number | undefined;
  /** Whether one run's figure meets the target. */
  meets: (x: number) => boolean;
  format: (x: number) => string;
}

const MB = 1024 ** 2;
const times = (x: number) => `${x.toFixed(1)}×`;
const megabytes = (x: number) => `${Math.round(x / MB)} MB`;
const rate = (a?: LoadResult, b?: LoadResult) => ratio(a?.requestsPerSecond, b?.requestsPerSecond);

/** The server's RSS after the load in a 1 GB memory cgroup (`--memory-box`) in one alerts mode, from the starts that completed cleanly. */
function boxedMemoryGoal(mode: MemoryMode, target = '–', meets: (x: number) => boolean = () => true): Goal {
  return {
    goal: `Server memory in a 1 GB box after the load, ${MODE_NAMES[mode]}`,
    target,
    value: (r) => {
      const found = r.serverMemoryInBox?.find((m) => m.mode === mode);
      return found && found.problems.length === 0 ? found.afterLoadRssBytes : undefined;
    },
    meets,
    format: megabytes,
  };
}

/** The two goals of a build (issue 26): its time against Hugo's, and its peak memory. */
function buildGoals(name: string, build: (r: SizeResult) => Measured | undefined): Goal[] {
  return [
    { goal: `${name} ÷ Hugo’s build`, target: '≤ 3×', value: (r) => ratio(build(r)?.wallMs, r.hugo?.wallMs), meets: (x) => x <= 3, format: times },
    {
      goal: `${name}: peak memory of the process tree`,
      target: '≤ 600 MB',
      value: (r) => build(r)?.peakRssBytes,
      meets: (x) => x <= 600 * MB,
      format: megabytes,
    },
  ];
}

export const GOALS: Goal[] = [
  // What comms staff wait for: the code was compiled by an earlier build (scripts/build.ts).
  ...buildGoals('Publishing a post: `npm run build` with one post more', (r) => r.rebuild),
  {
    goal: 'Publishing a post in a 1 GB box (a small VM): completes, no process killed for memory',
    target: 'completes',
    value: (r) => (r.rebuildInBox ? Number(r.rebuildInBox.ok && r.rebuildInBox.oomKills === 0) : undefined),
    meets: (x) => x === 1,
    format: (x) => (x === 1 ? 'completes' : 'fails'),
  },
  ...buildGoals('First build (compiles the code too)', (r) => r.build),
  { goal: 'Pages generated by the build', target: '–', value: (r) => r.build?.pagesGenerated, meets: () => true, format: (x) => String(x) },
  {
    goal: '`content:check` cold ÷ Hugo’s build',
    target: '≤ 2×',
    value: (r) => ratio(r.contentCheck?.wallMs, r.hugo?.wallMs),
    meets: (x) => x <= 2,
    format: times,
  },
  {
    goal: 'Decision page through deploy/nginx.conf ÷ nginx serving Hugo’s page',
    target: '≥ 90%',
    value: (r) => rate(r.proxy?.decision, r.hugo?.decision),
    meets: (x) => x >= 0.9,
    format: pct,
  },
  {
    goal: 'Home page through deploy/nginx.conf ÷ nginx serving Hugo’s home',
    target: '≥ 90%',
    value: (r) => rate(r.proxy?.home, r.hugo?.home),
    meets: (x) => x >= 0.9,
    format: pct,
  },
  {
    goal: 'Decision page through deploy/nginx.conf ÷ nginx serving the same bytes as a file',
    target: '(the cache’s own cost)',
    value: (r) => rate(r.proxy?.decision, r.sameBytes),
    meets: (x) => x >= 0.9,
    format: pct,
  },
  // Issue 26's goal is for the embedded database; alerts off and PostgreSQL are beside it.
  boxedMemoryGoal('pglite', '≤ 350 MB', (x) => x <= 350 * MB),
  boxedMemoryGoal('off'),
  boxedMemoryGoal('postgresql'),
  {
    goal: 'Server memory after the load, unboxed on this machine (alerts off; V8 sizes its heap to 24 GB)',
    target: '–',
    value: (r) => r.serverRssAfterLoadBytes,
    meets: () => true,
    format: megabytes,
  },
  {
    goal: '`/search`, 100 connections × 20 s: errors and timeouts',
    target: '0',
    value: (r) => (r.searchFlood ? r.searchFlood.errors + r.searchFlood.timeouts : undefined),
    meets: (x) => x === 0,
    format: (x) => String(x),
  },
  {
    goal: '`/search`, 100 connections × 20 s: answers other than 200 (503 when it sheds load)',
    target: '–',
    value: (r) => r.searchFlood?.non2xx,
    meets: () => true,
    format: (x) => String(x),
  },
  {
    goal: '`/search`, 100 connections × 20 s: p99',
    target: '< 1 s',
    value: (r) => r.searchFlood?.p99Ms,
    meets: (x) => x < 1000,
    format: (x) => `${Math.round(x)} ms`,
  },
  {
    goal: '`/search`, 100 connections × 20 s: req/s',
    target: '–',
    value: (r) => r.searchFlood?.requestsPerSecond,
    meets: () => true,
    format: (x) => String(Math.round(x)),
  },
  {
    goal: 'Decision page from the server, req/s (beside search)',
    target: '–',
    value: (r) => r.load.decision?.requestsPerSecond,
    meets: () => true,
    format: (x) => String(Math.round(x)),
  },
  {
    goal: 'First view of a never-requested decision, p95',
    target: '< 150 ms',
    value: (r) => r.firstView?.p95Ms,
    meets: (x) => x < 150,
    format: (x) => `${Math.round(x)} ms`,
  },
];

/**
 * The goals over every run of each size: the median, the spread (lowest–highest) and each run's
 * figure. A goal is met (✅) only when every run meets it.
 */
export function goalsTable(results: SizeResult[]): string {
  const groups = new Map<string, SizeResult[]>();
  for (const r of [...results].sort(byColumn)) {
    const key = `${r.size.toLocaleString('en-GB')} posts${r.variant ? `, ${r.variant}` : ''}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const names = [...groups.keys()];
  const head = `| Goal (issue 26) | Target | ${names.map((n) => `${n}: median (spread) · each run`).join(' | ')} |`;
  const rule = `| --- | --- | ${names.map(() => '---').join(' | ')} |`;
  const rows = GOALS.map((goal) => {
    const cells = names.map((name) => {
      const values = groups
        .get(name)!
        .map(goal.value)
        .filter((x): x is number => x !== undefined && !Number.isNaN(x));
      if (values.length === 0) return '–';
      const spread = values.length > 1 ? ` (${goal.format(Math.min(...values))}–${goal.format(Math.max(...values))})` : '';
      const verdict = goal.target === '–' ? '' : mark(values.every(goal.meets));
      return `${goal.format(median(values))}${spread} · ${values.map(goal.format).join(', ')}${verdict}`;
    });
    return `| ${goal.goal} | ${goal.target} | ${cells.join(' | ')} |`;
  });
  return [head, rule, ...rows].join('\n');
}

export function markdownTable(results: SizeResult[]): string {
  const sorted = [...results].sort(byColumn);
  const head = `| Metric | Target | ${sorted.map(columnName).join(' | ')} |`;
  const rule = `| --- | --- | ${sorted.map(() => '---').join(' | ')} |`;
  const rows = ROWS.map((row) => `| ${row.metric} | ${row.target} | ${sorted.map((r) => row.value(r).replace(/\|/g, '\\|')).join(' | ')} |`);
  return [head, rule, ...rows].join('\n');
}

const DATA_MARK = 'bench-data:';

/** Earlier results kept in docs/benchmarks.md, so a run of one size keeps the other's column. */
export function readResults(markdown: string): SizeResult[] {
  const match = new RegExp(`<!-- ${DATA_MARK}(.*?) -->`, 's').exec(markdown);
  if (!match) return [];
  try {
    return JSON.parse(match[1]!) as SizeResult[];
  } catch {
    return [];
  }
}

/** A level-2 section of a report: its heading line, and the lines up to the next one. */
interface Section {
  heading: string;
  text: string;
}

/** `markdown` cut at its level-2 headings; what precedes the first, and the data comment, are not sections. */
function sectionsOf(markdown: string): Section[] {
  const body = markdown.split(`<!-- ${DATA_MARK}`)[0]!;
  const sections: Section[] = [];
  for (const line of body.split('\n')) {
    if (line.startsWith('## ')) sections.push({ heading: line, text: '' });
    const current = sections.at(-1);
    if (current) current.text += `${line}\n`;
  }
  return sections;
}

/**
 * The report `generated` with the sections of `previous` that it does not have (the analyses
 * written by hand beside the generated tables), each put back before the first of the sections
 * that followed it in `previous` and that `generated` has, or at the end. Until this, every run
 * of the bench dropped them and they were put back by hand.
 */
export function withHandWrittenSections(generated: string, previous: string): string {
  const generatedHeadings = new Set(sectionsOf(generated).map((s) => s.heading));
  const before = new Map<string, string>();
  let pending = '';
  for (const section of sectionsOf(previous)) {
    if (!generatedHeadings.has(section.heading)) pending += section.text;
    else if (pending) {
      before.set(section.heading, (before.get(section.heading) ?? '') + pending);
      pending = '';
    }
  }
  const atEnd = pending;
  if (!before.size && !atEnd) return generated;
  const [body, data] = generated.split(`<!-- ${DATA_MARK}`) as [string, string | undefined];
  const lines = body.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const kept = before.get(line);
    if (kept) out.push(kept.replace(/\n$/, ''));
    out.push(line);
  }
  let merged = out.join('\n');
  if (atEnd) merged = `${merged.replace(/\n*$/, '\n\n')}${atEnd.replace(/\n*$/, '\n\n')}`;
  return data === undefined ? merged : `${merged}<!-- ${DATA_MARK}${data}`;
}

export function benchmarksMarkdown(results: SizeResult[]): string {
  const sorted = [...results].sort(byColumn);
  const runs = sorted
    .map(
      (r) =>
        `- ${columnName(r)}: ${r.date}, commit ${r.commit}, Node ${r.node}, ${r.cpus} cores, load average (1/5/15 min) ${r.loadAverage.map((x) => x.toFixed(1)).join(' / ')} before the run${r.loadAverageAfter ? `, ${r.loadAverageAfter.map((x) => x.toFixed(1)).join(' / ')} after` : ''}; ${r.loadTool ?? 'autocannon'} ${r.connections} connections × ${r.seconds} s.${r.errors.length ? ` Errors: ${r.errors.join('; ')}` : ''}`,
    )
    .join('\n');
  return `# Benchmarks

Made by \`npm run bench\` (scripts/bench/run.ts): a deterministic synthetic corpus in the
publishing contract's format (~600 words a post, 1–3 decision items, the real committees,
projects and glossary terms, tags) is written into a temporary copy of the project, which is
checked, built and served with the standalone server (\`.next/standalone/server.js\`, as deployed); the same posts are built by Debian's \`hugo\` and
served by Debian's \`nginx\` as the static anchor, and \`deploy/nginx.conf\` is run in front of
the server as the caching reverse proxy. Everything on 127.0.0.1. Loads are made by wrk (C, one
thread; autocannon, in Node.js, spent most of the machine reading answers and measured itself:
scripts/bench/http.ts). Requests carry no \`Accept-Encoding\` unless a row says gzip, for every
server alike.

## Issue 26's goals

Each figure is a ratio against Hugo or nginx measured in the same run, or a figure of its own;
with \`--runs 3\` (the default) each run is a whole run (corpus, Hugo, check, build, servers,
loads), and the table gives the median, the spread and every run's figure.

${goalsTable(sorted)}

## Every figure

${markdownTable(sorted)}

Runs:

${runs}

A column named with a label (\`--patch FILE --label NAME\`) measured the project with
patches applied to the temporary copy only: what a proposed change would give, not the
project as it is.

The decision page is measured three ways back to back, in two rounds, and the best round of
each is kept (the rounds are shown): the machine is shared, and a single run of each, minutes
apart, compared loads as much as servers. The search latency row is one query at a time, 40
different queries, the first one included.

How to read it: wall times depend on what else the machine is doing (the load average is
given); CPU times less so. The static anchor and the nginx cache run in the same run as Next.js, so
their ratios are comparable. \`npm run bench -- --sizes 1000,10000\` (the default), \`--quick\`
for a short run, \`--keep\` to keep the temporary project.

## \`content:check\` and the parse cache

\`content:check\` keeps each file's own checks (decoding, frontmatter, schema, body) in
\`.cache/content/checks.v8\` (lib/content/parse-cache.ts), keyed by the file's SHA-256 and
stamped with a hash of the checking code's sources and the lockfile, so a file is parsed again
only when it or the code changes. The checks across files (references, duplicate titles,
glossary phrases) run every time. When every file is cached no parser is loaded (no \`yaml\`,
gray-matter, remark or zod): what is left is starting Node.js, reading and hashing the files,
reading the cache and the checks across files. The bench runs it twice: cold (the temporary
project has no \`.cache/\`), then again with nothing changed.

Measured on its own when the cache came in (issue 15): 10,000-post corpus (seed 20110630),
\`npm run content:check -- --dir\`, five runs each, median (range), 2 December 2026, Node 20.
The machine was shared by several jobs (load average 11–16 on 2 cores), so the wall times are
several times an idle machine's; CPU time (user + system) is the comparable figure. (The last
full bench before the cache, on a quieter machine, gave 4.3 s wall, 5.3 s CPU.)

| 10,000 posts                                                               | Before (c43a4e2)  | After                 |
| -------------------------------------------------------------------------- | ----------------- | --------------------- |
| Cold, CPU                                                                  | 6.0 s (5.7–6.4)   | 7.2 s (6.0–7.6)       |
| Nothing changed, CPU                                                       | as cold           | 2.0 s (1.8–2.5)       |
| Cold, wall                                                                 | 15 s (12–26)      | 15 s (12–37)          |
| Nothing changed, wall                                                      | as cold           | 4.2 s (3.2–13)        |
| Cold without \`simple-yaml.ts\` (\`yaml\` parses every post), CPU            | –                 | 9.0 s and 11.7 s      |
| Cold without \`checkBodyLinks\`'s fast path (micromark parses every body), CPU | –             | 24.5 s (one run)      |

So both fast paths stay: the cache makes unchanged runs cheap, but a cold run (a fresh
checkout, CI, an upgrade of the checking code) still parses every file, and without either
it would be far over the 5 s target. A cold run costs a little more than before the cache
(hashing the files and writing the cache).

## The caching change of issue 22 (code stamps and disk caches), at 10,000 posts

The same 10,000-post corpus (the bench's, seed 20110630) checked and built by the commit
before the change, 05057b8 (the parse cache keyed on a hand-kept list of code files, the render
cache on function source and a manual version), and by ef320fa (caches stamped with the hash of
their code's module graph), each in a fresh copy with its own \`content/\` but those posts.
\`npm run content:check\` cold (no \`.cache\`), then again with nothing changed; \`npm run build\`
cold (no \`.next\`, no \`.cache\`; its prebuild runs the check), then again after one more post
with \`.next\` and \`.cache\` kept, as the bench's rebuild does. 5 December 2026, Node v20.20.2,
2 cores.

**CPU seconds (user + system), not wall clock**: the machine was shared with five other jobs
(load average 9–20 during these runs), so wall times were 2–10 times the CPU times and say
more about the neighbours than about the code. CPU is as \`/usr/bin/time\` reports it: \`npm\`
and every process it waited for (\`next build\`, its workers, the prebuild check).

| 10,000 posts, CPU (user + system)                | Before (05057b8)                  | After (ef320fa)         |
| ------------------------------------------------ | --------------------------------- | ----------------------- |
| \`content:check\`, cold                            | 9.3 s and 9.9 s (two runs)        | 7.6 s                   |
| \`content:check\`, nothing changed                 | 4.1 s and 4.6 s                   | 3.6 s                   |
| \`npm run build\`, cold                            | 320.6 s (280.5 user, 40.1 system) | 319.9 s (279.4, 40.6)   |
| \`npm run build\` after one more post, caches kept | 258.2 s (219.2, 39.0)             | 308.6 s (261.4, 47.2)   |
| Load average (1 min) at the end of each build    | 9.0 (cold), 11.5 (warm)           | 10.8 (cold), 6.0 (warm) |

One run of each build. The cold build costs the same CPU before and after (within 1%), and
the check is a little cheaper, cold and unchanged. The warm rebuild measured 50 s (19%) more
CPU after than before; its extra time was in the compile and TypeScript phases (\`next build\`
reported 3.1 min and 26 s for them, against 62 s and 7 s before), not in page generation,
and on this machine the same phases swung as widely between the two cold builds (TypeScript
2.3 min before, 53 s after). So one run here cannot say whether the warm rebuild got slower:
repeat it on a quiet machine before drawing a conclusion. Both builds generated about 7,100
pages. These CPU totals are higher than the bench table's build row above, which samples
the process tree's CPU while it runs; compare them with each other, not with that row.

## Where a cached page's requests go (\`npm run bench:nginx\`), 6 December 2026

The decision page of the tests' fixture build (22,063 bytes) through \`deploy/nginx.conf\`, with one
of its costs taken away at a time, beside static nginx serving the very bytes the cache sends;
wrk, 20 connections, three rounds of 8 s, median. Until 6 December the load came from
autocannon, which at these rates measured itself: static nginx gave 25,000 req/s of this page
under autocannon and 73,000 under wrk (5.4 KB, Hugo's page: 62,000 and 88,000), so the "same
bytes as a file ÷ Hugo" figure above (69% then) was mostly the client reading four times the
bytes.

| Served by | req/s, median (rounds) | ÷ static |
| --- | --- | --- |
| static nginx, the same bytes | 72,767 (72,767, 71,679, 72,793) | 100% |
| static nginx with \`open_file_cache\`, the same bytes | 83,076 (83,076, 81,524, 104,165) | 114% |
| \`deploy/nginx.conf\` as shipped (with \`open_file_cache\`) | 70,966 (62,667, 73,112, 70,966) | 98% |
| without the access log | 71,452 (66,213, 72,307, 71,452) | 98% |
| without gzip | 70,292 (69,847, 71,499, 70,292) | 97% |
| without \`X-Cache-Status\` | 71,902 (71,902, 72,874, 68,658) | 99% |
| without \`open_file_cache\` | 70,290 (70,290, 66,142, 72,254) | 97% |

Measured by a client that does not saturate the machine, the cache serves 85–100% of the rate
of a file of the same bytes over three runs (this one, and two before it); no single directive
stands out, and
\`open_file_cache\` (now in \`deploy/nginx.conf\`) gained 1–10 points. Static nginx gains more from
it (114–140%), so the anchor of the goals table stays the plain static configuration, as
Debian ships it and as Hugo sites are served.

## Publishing in a small box, at 10,000 posts (6 December 2026)

A publish (one post more, code unchanged) ran three processes that each held every post side
by side: the build script, which wrote \`/data/decisions.db\` while Next.js rendered, and
Next.js's two render workers. Measured on one 10,000-post project on this machine, twice each
(wall; peak RSS of the process tree, with the processes over 50 MiB at the peak):

| \`npm run build\`, one post more | wall | peak | at the peak (MiB) | in a 1 GB memory cgroup |
| --- | --- | --- | --- | --- |
| before (716cd8b) | 25.3 s, 26.5 s | 2,032 MiB, 2,022 MiB | build script 716–717, workers 567 and 544–554, next build 136–138, npm 55 | killed for memory (exit 137) |
| after (140f1eb) | 26.7 s, 27.8 s | 1,417 MiB, 1,403 MiB | workers 550–559 and 534–556, next build 136–139, build script 113–117, npm 54 | completes |

The content's steps (check, history, database) now run in a child process
(\`scripts/build/prepare.ts\`) that exits before Next.js renders, so the peak is the larger of
the two phases, not their sum. The database step is then on the critical path, alone: a second
or so slower in all. Two changes since take some of that back: the database is made in memory
and written out whole (VACUUM INTO; 6.9–7.2 s → 6.5 s for that step), and \`stripMarkdown\`
skips the patterns whose markers a body lacks (1.97 s → 1.25 s over the 10,000 bodies, the same
text out). The runs in the tables above (140f1eb, 4670573) have the child process, not these two.

In a 1 GB box each Node.js process sizes its heap to the box (a 524 MB limit), so the two
workers collect sooner and the publish fits; \`npm run bench\` now publishes once more in a
1 GB memory cgroup (\`--publish-box MB\`) and reports whether it completes. A build that
compiles needs more: Turbopack's compile is about 1 GB on its own, and the kernel killed it
in the same box (deploy/README.md, "Sizing").

## Search under load (issue 26), at 10,000 posts

Made by \`npm run bench:search\` (scripts/bench/search-load.ts), not by \`npm run bench\`: the
bench corpus (seed 20110630) in a temporary copy of the project, built, served by its standalone
server (\`npm start\`, on \`localhost\`); autocannon with 100 connections for 20 s (timeout 10 s) on
78 distinct searches cycled (typed words, filtered views, both, second pages), then on one search
repeated, then on a decision page from the same server. "Before" is commit 92d9233 (\`--source\`, a
checkout of it); "after" adds the remembered search pages, the canonical search address, the
limit of renders at once (12, then 4) and nginx's limits (not in this measurement: no nginx).
One run each, 5 December 2026, Node 20, 2 cores shared with other jobs (load average 3–7).

| run               | load                  | req/s |      p50 |      p99 |   503 | errors | timeouts |
| ----------------- | --------------------- | ----: | -------: | -------: | ----: | -----: | -------: |
| before            | /search, 78 distinct  |    16 | 2,772 ms | 9,197 ms |     0 |    100 |      100 |
| before            | /search, one repeated |   323 |   194 ms | 6,261 ms |     0 |      0 |        0 |
| before            | decision page         |   707 |   126 ms |   487 ms |     – |      0 |        0 |
| after, 12 at once | /search, 78 distinct  |   284 |   180 ms | 3,027 ms |   418 |     29 |       29 |
| after, 12 at once | /search, one repeated |   477 |   194 ms |   404 ms |     0 |      1 |        1 |
| after, 12 at once | decision page         |   772 |   114 ms |   200 ms |     – |      0 |        0 |
| after, 4 at once  | /search, 78 distinct  |   260 |   219 ms | 2,102 ms | 3,138 |     10 |       10 |
| after, 4 at once  | /search, one repeated |   341 |   206 ms | 2,291 ms |     0 |     19 |       19 |
| after, 4 at once  | decision page         |   540 |   167 ms |   290 ms |     – |      0 |        0 |

(autocannon counts each timeout as an error too.) Distinct searches went from 16 to 260–284
a second, and timeouts from 100 to 10–29: the goal (none, p99 under 1 s) is not met yet. A
remembered search still costs Next.js the proxy, the rewrite and its route, about twice what a
decision page costs; the repeated search's tail (p99 0.4 s in one run, 2.3 s in the other, with
the decision page slower too) moved with the machine's other jobs.

Since 6 December \`npm run bench\`'s flood (one search repeated, 100 connections × 20 s, the
server alone, no nginx) is measured by wrk, like every load on one address: no errors, no
timeouts and no 503 in three runs at about 1,040 req/s (autocannon had driven 643), but p99
117 ms in one run and 2.9 s in two. A freshly started server's first floods under wrk gave p99
2.7–3.7 s at an unchanged 1,090 req/s, with no collection pausing it for more than 14 ms; minutes
later ab and autocannon measured 133 and 135 ms, and \`/robots.txt\` showed the same tail, so it
is not search's own.

**Where the tail comes from: accepting connections, one per turn of the event loop.** Measured
on 6 December on the tests' fixture build (7 posts), \`/robots.txt\`, wrk 100 connections × 20 s
on a fresh server (p99 2.5–4.1 s, maximum 4.3–6.0 s, about 1,050 req/s):
- Inside the server, no request took over 500 ms from its arrival in Node.js to its answer, and
  no connection waited over 500 ms between an answer and its next request.
- On the wire (tcpdump on the loopback), all 100 connections were open within 6 ms and had sent
  their first request within 9 ms. Request to answer, p99 was 126 ms; the 70 requests that
  waited over half a second were each the first request of its connection, answered one after
  another about 150 ms apart, the last after 5.2 s.
- Node.js took about 70 connections in the first 5 ms, then the rest one every 150–170 ms, and
  \`strace\` shows one \`accept4\` for each \`epoll_pwait\`, never the \`EAGAIN\` of an empty queue.
  A ten-line Node.js server whose answer costs 1 ms does the same (p99 1.25 s).

Since libuv 1.45 (Node.js 20 ships 1.46) a server accepts one connection per turn of the event
loop (libuv pull request 3696, "unix: don't accept() connections in a loop"). Under load a turn
first served a request on every connection already open, about 150 ms of work here, so
connections that arrived together waited in the kernel's queue, each one turn longer than the
last. A warm server's turns are shorter, hence the shorter tail minutes later. So this p99
measured how long the hundredth new connection waited to be accepted, on any route, not how long
a search took.

**Requests started 4 at a time (lib/server/request-admission.ts, 6 December 2026).** The server
now holds the requests it has read in a queue and starts at most 4 at once, from \`setImmediate\`,
in arrival order, so a turn holds a few requests' work and the loop is back at the listening
socket every few milliseconds. It is installed from \`instrumentation.ts\` on the server Next.js
makes (through Node's \`http.server.request.start\` channel, at its first request). Tried first
on a kept 10,000-post build with wrk (100 connections × 20 s, two floods of one search, then a
decision page), with the loop's delay and the times of accepts logged:

| requests under way at once | search flood 1: p99 | search flood 2: p99 | decision page: p99 | req/s: searches, decision page | 100 connections accepted within |
| -------------------------- | ------------------: | ------------------: | -----------------: | -----------------------------: | ------------------------------: |
| any (before)               |               6.6 s |               6.1 s |              4.2 s |                  586–591, 893 |                      about 12 s |
| 16                         |               1.8 s |               2.2 s |              2.1 s |                  643–850, 900 |                           3.2 s |
| 8                          |               1.5 s |              0.66 s |             0.56 s |                613–643, 1,014 |                           1.2 s |
| 4                          |              0.70 s |              0.42 s |             0.24 s |                616–653, 1,245 |                           0.7 s |

Queueing alone undid search's own shedding: with 4 under way, never more than 4 renders ran,
so none was refused, and 78 distinct searches waited in the queue behind their renders (p99
5.9 s, no 503). A search that waited over 500 ms for its turn (\`x-decisions-queued-ms\`, set
by the queue on every request) is therefore answered 503 with \`Retry-After\` instead of being
rendered; a remembered one is still served. \`npm run bench:search\`, 100 connections × 20 s
(autocannon on the searches, wrk on the decision page), 6 December 2026, Node 20; the "before"
run started as the end-to-end tests finished (load average 9.2, then 2.2), the others at 1.3–1.5:

| run                           | load                  | req/s |    p50 |      p99 |   503 | errors | timeouts |
| ----------------------------- | --------------------- | ----: | -----: | -------: | ----: | -----: | -------: |
| before (7d81079)              | /search, 78 distinct  |   307 | 180 ms | 1,896 ms | 2,582 |     16 |       16 |
| before (7d81079)              | /search, one repeated |   436 | 212 ms |   379 ms |     0 |      0 |        0 |
| before (7d81079)              | decision page         |   743 | 113 ms | 5,761 ms |     – |      0 |        0 |
| 4 at once, no 500 ms shed     | /search, 78 distinct  |   244 | 247 ms | 5,921 ms |     0 |      0 |        0 |
| 4 at once, no 500 ms shed     | /search, one repeated |   523 | 182 ms |   274 ms |     0 |      0 |        0 |
| 4 at once, no 500 ms shed     | decision page         |   852 | 112 ms |   291 ms |     – |      0 |        0 |
| 4 at once, 500 ms shed, run 1 | /search, 78 distinct  |   285 | 238 ms |   840 ms |   632 |      0 |        0 |
| 4 at once, 500 ms shed, run 1 | /search, one repeated |   540 | 177 ms |   264 ms |     0 |      0 |        0 |
| 4 at once, 500 ms shed, run 1 | decision page         |   898 | 104 ms |   234 ms |     – |      0 |        0 |
| 4 at once, 500 ms shed, run 2 | /search, 78 distinct  |   301 | 223 ms |   931 ms |   672 |      0 |        0 |
| 4 at once, 500 ms shed, run 2 | /search, one repeated |   586 | 160 ms |   275 ms |     0 |      0 |        0 |
| 4 at once, 500 ms shed, run 2 | decision page         | 1,026 |  91 ms |   277 ms |     – |      0 |        0 |

Every load now holds 100 connections with no error, no timeout and p99 under 1 s; a distinct
search is refused about one time in nine (was four in ten) while the remembered pages fill.
\`tests/unit/request-admission.test.ts\` counts what the queue changes: 30 clients arriving
together at a server busy with 10 flooding ones were all accepted while 58 requests started,
against 173 without the queue. In production nginx also stands in front: it keeps up to 32 idle
connections open to Next.js and reuses them, lets 16 searches at a time through, and answers
the rest 503 with Retry-After (deploy/nginx.conf, "Limits").

<!-- ${DATA_MARK}${JSON.stringify(sorted)} -->
`;
}
