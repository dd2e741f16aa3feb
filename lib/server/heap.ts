/**
 * The build's processes keep their heaps near what they hold: those that hold every post (the
 * content step, scripts/build/prepare.ts, and Next.js's render worker) and the one that lives as
 * long as the build (scripts/build.ts). V8 sizes a heap to the machine: on a large one it lets a
 * heap grow to several times what survives a collection before it collects. A heap allowed to
 * grow by at most this share past its live objects collects more often and stays near them. A
 * render worker holding 220 MB of live objects at 10,000 posts stood at 650 MB, and now peaks at
 * about 450 MB, with no cost in time that runs on this machine could tell from their noise
 * (docs/benchmarks.md, "Publishing at 10,000 posts in less memory").
 *
 * Not the server. Tried there (docs/benchmarks-memory.md, "Heaps kept near their live
 * objects"), it held 321–333 MB in a 1 GB box after the load instead of 336–353, but searches
 * each rendered anew were answered 12–25% fewer a second, and in `npm run bench` the first view
 * of a decision (rendered on request) had a p95 of 198–240 ms against the 150 ms the site
 * promises: a page's first reader would pay for a smaller heap.
 */
import { setFlagsFromString } from 'node:v8';

/** How far past its live objects such a heap may grow before it collects, in percent. */
const HEAP_GROWING_PERCENT = 30;

/** The V8 option, for a process started with it (the content step). */
export const HEAP_GROWING_FLAG = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

/**
 * The same, from inside a running process: the build's own, and `next build`'s render worker when
 * it first reads the content (lib/site.ts loadContent: Next.js starts its worker with options of
 * its own, and NODE_OPTIONS cannot carry a V8 option of this kind). Node.js warns that an option
 * changed after start may do nothing, or worse; this one is a number V8's heap controller reads
 * each time it sizes the heap after a collection, and its effect is measured (above). Were it
 * ever to misbehave, the build would fail, and the live site would go on serving what it served.
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
