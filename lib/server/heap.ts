/**
 * The processes that hold every post keep their heaps near what they hold: the build's (the
 * content step, scripts/build/prepare.ts; Next.js's render worker; scripts/build.ts, which lives
 * as long as the build) and the server. V8 sizes a heap to the machine: on a large one it lets a
 * heap grow to several times what survives a collection before it collects. A heap allowed to
 * grow by at most this share past its live objects collects more often and stays near them.
 * Measured at 10,000 posts (docs/benchmarks.md, "Publishing at 10,000 posts in less memory";
 * docs/benchmarks-memory.md, "Heaps kept near their live objects"):
 * - A render worker holding 220 MB of live objects stood at 650 MB, and now peaks at about
 *   450 MB, with no cost in time that runs on this machine could tell from their noise.
 * - The server, after a load, stood at 644–693 MB on a 24 GB machine and 336–351 MB in a 1 GB
 *   box; now at 366–372 MB and, in the box, 327–330 MB. The price is collections: searches
 *   that are each rendered anew (no two alike, 100 at once) were answered at about 25% fewer a
 *   second on the large machine, and about 12% fewer in the box; a decision page and a repeated
 *   search, no fewer that the runs could tell.
 * 100% instead of 30% kept more in the box (386 MB) than V8's own sizing does there.
 */
import { setFlagsFromString } from 'node:v8';

/** How far past its live objects such a heap may grow before it collects, in percent. */
const HEAP_GROWING_PERCENT = 30;

/** The V8 option, for a process started with it (the content step). */
export const HEAP_GROWING_FLAG = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

/**
 * The same, from inside a running process: the build's own; `next build`'s render worker and the
 * server, when they first read the content (lib/site.ts loadContent: Next.js starts its worker
 * with options of its own, a deployment starts the server as `node server.js`, and NODE_OPTIONS
 * cannot carry a V8 option of this kind). Node.js warns that an option changed after start may
 * do nothing, or worse; this one is a number V8's heap controller reads each time it sizes the
 * heap after a collection, and its effect is measured (above).
 */
export function keepHeapNearLiveObjects(): void {
  setFlagsFromString(HEAP_GROWING_FLAG);
}

/**
 * The largest semi-space of V8's young generation, in MB, in the processes that hold every post.
 * V8 grows it to 16 MB (a young generation of up to 48 MB) in a process that allocates fast, as
 * they do while they read 10,000 posts, and keeps it; 2 MB makes V8 collect short-lived objects
 * sooner. Measured on a publish at 10,000 posts: about 70 MB less at the peak, for about a second
 * more; 1 MB saved no more and cost twice the time (docs/benchmarks.md).
 */
const BUILD_SEMI_SPACE_MB = 2;

/**
 * The same, as an option that NODE_OPTIONS may carry, so that it reaches Next.js's render worker,
 * which Next.js starts with options of its own: see withBuildNodeOptions.
 */
const BUILD_YOUNG_GENERATION_FLAG = `--max-semi-space-size=${BUILD_SEMI_SPACE_MB}`;

/** `env` with the build's young generation (above) added to its NODE_OPTIONS, for a child process. */
export function withBuildNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, BUILD_YOUNG_GENERATION_FLAG].filter(Boolean).join(' ') };
}
