/**
 * The build's processes that hold every post (the content step, scripts/build/prepare.ts, and
 * Next.js's render worker) keep their heaps near what they use. V8 sizes a heap to the machine:
 * on a large one it lets a heap grow to several times what survives a collection before it
 * collects, and a render worker holding 220 MB of live objects at 10,000 posts stood at 650 MB.
 * A heap allowed to grow by at most this share past its live objects collects more often and
 * stays near them: that worker peaked at about 450 MB, with no cost in time that runs on this
 * machine could tell from their noise (docs/benchmarks.md, "Publishing at 10,000 posts in less
 * memory").
 */
import { setFlagsFromString } from 'node:v8';

/** How far past its live objects a build process's heap may grow before it collects, in percent. */
const BUILD_HEAP_GROWING_PERCENT = 30;

/** The V8 option, for a process started with it (the content step). */
export const BUILD_HEAP_FLAG = `--heap-growing-percent=${BUILD_HEAP_GROWING_PERCENT}`;

/**
 * The same, from inside a running process (Next.js's render worker, which is started with the
 * options Next.js chooses and where NODE_OPTIONS cannot carry a V8 option of this kind). Node.js
 * warns that an option changed after start may do nothing, or worse; this one is a number V8's
 * heap controller reads each time it sizes the heap after a collection, and its effect is
 * measured (above). Were it ever to misbehave, the build would fail, and the live site would go
 * on serving what it served.
 */
export function keepBuildHeapSmall(): void {
  setFlagsFromString(BUILD_HEAP_FLAG);
}
