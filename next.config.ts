import path from 'node:path';
import type { NextConfig } from 'next';
import { PHASE_DEVELOPMENT_SERVER } from 'next/constants';
import { DEVELOPMENT_POLICY, NO_SCRIPT_POLICY } from './lib/http/content-security-policy';
import { HISTORY_BUILD_FILE } from './lib/history/store';

/**
 * Security headers for every response (pages, feeds, data, errors). The Content-Security-Policy
 * is set per route (lib/http/content-security-policy.ts): `script-src 'none'` everywhere but the
 * alert pages, whose policy, with a per-request nonce, proxy.ts sets. See README "Security".
 */
export const securityHeaders = [
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // No interest-cohort: FLoC is gone, and browsers warn about the unknown feature.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // No Cross-Origin-Opener-Policy: arriving from any other site, it makes the browser move the
  // page to a new browsing context group (a fresh process), which cost a throttled phone
  // 150–400 ms of blocked main thread (docs/security.md). The site has no sessions or private
  // data for it to protect, and every link out carries rel="noopener noreferrer".
];

/**
 * Every path but the pages rendered per request, the alert pages (/alerts/…), whose policy
 * carries a nonce, from proxy.ts. (Search is matched by its address as asked, /search.)
 */
export const NOT_RENDERED_PER_REQUEST = '/:path((?!alerts$|alerts/).*)';

const nextConfig: NextConfig = {
  output: 'standalone',
  // A separate build folder lets a second build (a benchmark, a parallel check) run beside this one.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // The code is type-checked by `npm run typecheck` (in `npm test` and CI, over more files than
  // the build sees); every publish of a post runs the build, and a post cannot change a type.
  // Checking again here cost each publish 9–16 s on two cores.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time, not bundled: PGlite finds its WebAssembly and data
  // files beside its own module, and pg, nodemailer and kysely gain nothing from bundling.
  // node-sqlite3-wasm loads its WebAssembly from beside its own module in the same way.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'nodemailer', 'kysely', 'node-sqlite3-wasm'],
  // The site has no images: the optimiser endpoint (/_next/image) stays off.
  images: { unoptimized: true },
  // Next.js's file-system cache, but the pages it stores and serves carry no JavaScript: the
  // site needs none, and Next.js's router cost phones half a second (cache-handler.mjs).
  // Absolute, from the project folder where `next build` and `next start` run (this file is
  // also imported as ESM by the tests, so no require.resolve); standalone output records it
  // relative to its own folder.
  cacheHandler: path.resolve('cache-handler.mjs'),
  reactStrictMode: true,
  // Node.js's source maps in the render workers would point a prerender's error at the source
  // rather than the compiled code; they kept every chunk's map in each worker's memory, 90 MB
  // at 10,000 posts. A post that would break a page is refused by the build's content check,
  // before anything renders.
  enablePrerenderSourceMaps: false,
  // The content folder is not traced: `npm run build` puts the content it checked into
  // .next/standalone itself (scripts/build/standalone-content.ts). Traced, it was listed when the
  // code was compiled, and a post published without compiling again never reached the server.
  outputFileTracingIncludes: {
    // The history the build wrote (scripts/build/history.ts), beside the server.
    '/decisions/\\[slug\\]': [`./${path.dirname(HISTORY_BUILD_FILE)}/*.json`],
    // For a visible set not the build's, node-sqlite3-wasm's WebAssembly, which its loader finds
    // through a path of its own that tracing does not follow. (The file the build wrote,
    // .build/decisions.db, is written before Next.js renders, and scripts/build.ts copies it in after.)
    '/data/decisions.db': ['./node_modules/node-sqlite3-wasm/dist/node-sqlite3-wasm.wasm'],
  },
  // sharp (an optional dependency of next, for the image optimiser, which is off: see `images`)
  // is loaded only by that optimiser, yet Next.js traces it into every standalone build: 20 MB
  // of native libraries a deployment never runs. Kept out of .next/standalone; see README.
  outputFileTracingExcludes: { '*': ['node_modules/sharp/**', 'node_modules/@img/**'] },
  experimental: {
    // One render worker: each holds every post (about 450 MB at 10,000 posts), and the pages
    // rendered at build time are the lists, not the posts, so a second worker read the content
    // again to render a few dozen pages: 450 MB less for about 1.7 s more a publish at 10,000
    // posts, which a 1 GB machine can now do (docs/benchmarks.md).
    cpus: 1,
    // That worker in a thread of `next build`, not a process of its own: one Node.js and one copy
    // of Next.js's modules less, 50 MB at the peak of a publish (docs/benchmarks.md).
    workerThreads: true,
    // A build that starts cold (CI without .next/cache) need not write Turbopack's cache: at
    // 10,000 posts that took 39 s of CPU beside page generation, on 2 cores. Set it to true
    // where .next/cache is kept between builds (a warm rebuild compiles in half the time).
    turbopackFileSystemCacheForBuild: false,
    // Turbopack's Sass (GOV.UK Frontend's styles) in threads of the build's process rather than in
    // two child processes of their own: 110 MB less at the peak of a build that compiles, in the
    // same time. Next.js falls back to the processes on the Node.js versions where threads could
    // abort the build (its documentation names them).
    turbopackPluginRuntimeStrategy: 'workerThreads',
  },
  sassOptions: {
    loadPaths: ['node_modules'],
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'if-function'],
  },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: NOT_RENDERED_PER_REQUEST, headers: [{ key: 'Content-Security-Policy', value: NO_SCRIPT_POLICY }] },
      // Alert pages carry tokens in their addresses: never pass them on to another site.
      { source: '/alerts/:path*', headers: [{ key: 'Referrer-Policy', value: 'no-referrer' }] },
    ];
  },
};

/** `next dev` keeps Next.js's scripts on every page: it gets a policy that lets them run. */
export default function config(phase: string): NextConfig {
  if (phase !== PHASE_DEVELOPMENT_SERVER) return nextConfig;
  return {
    ...nextConfig,
    async headers() {
      return [{ source: '/:path*', headers: [...securityHeaders, { key: 'Content-Security-Policy', value: DEVELOPMENT_POLICY }] }];
    },
  };
}
