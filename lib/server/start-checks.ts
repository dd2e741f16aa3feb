/**
 * What must hold before a server answers anyone; instrumentation.ts refuses to start
 * otherwise. Each problem is a plain sentence that says what to do.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTrustedProxies } from '../http/client-address';
import { fixedClockProblem } from './runtime';

interface CacheHandlerModule {
  frameworkContractProblems(facts: { nextVersion: string; serverDistDir?: string }): Promise<string[]>;
}

/**
 * cache-handler.mjs rests on Next.js internals: its own check of each assumption, run on the
 * file as Next.js loads it, from the folder the server runs in (the project, or
 * .next/standalone), against the installed Next.js and, in production, the build.
 */
async function frameworkContractProblems(root: string): Promise<string[]> {
  const handler = (await import(/* turbopackIgnore: true */ pathToFileURL(path.join(root, 'cache-handler.mjs')).href)) as CacheHandlerModule;
  const { version } = JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ root, 'node_modules', 'next', 'package.json'), 'utf8')) as {
    version: string;
  };
  const production = process.env.NODE_ENV === 'production';
  const serverDistDir = production ? path.join(/* turbopackIgnore: true */ root, process.env.NEXT_DIST_DIR || '.next', 'server') : undefined;
  return handler.frameworkContractProblems({ nextVersion: version, ...(serverDistDir ? { serverDistDir } : {}) });
}

export async function startProblems(root = process.cwd()): Promise<string[]> {
  const clock = fixedClockProblem();
  // A mistyped TRUSTED_PROXIES would otherwise trust nobody, or somebody, silently.
  const proxies = parseTrustedProxies(process.env.TRUSTED_PROXIES);
  return [...(clock ? [clock] : []), ...(proxies.ok ? [] : [proxies.problem]), ...(await frameworkContractProblems(root))];
}

/** Logs every problem and ends the process, before it has answered anything. */
export async function refuseToStartOnProblems(): Promise<void> {
  const problems = await startProblems();
  if (problems.length === 0) return;
  for (const problem of problems) console.error(`Refusing to start: ${problem}`);
  process.exit(1);
}
