/**
 * Linear-cost checks that a busy machine cannot fail: the CPU time this process spends
 * (`process.cpuUsage()`, user and system, every thread of the test's process), never the wall
 * clock, which stretches whenever other processes share the cores. A check runs a function at
 * n and at 16n: linear work costs about 16 times as much, quadratic about 256 times, and a
 * check fails at 64 times, far from both. Each size first runs twice unmeasured (the compiler
 * optimises code during the first runs, which once put a linear path at 65 on a loaded CI
 * machine), then is repeated until the smaller one costs a few milliseconds, and the cheapest
 * of several interleaved rounds counts, so a collection or a compilation landing in one run
 * does not decide the answer.
 */

/** The CPU time, in microseconds, that `repeats` runs of `run` cost this process. */
export function cpuMicros(run: () => unknown, repeats = 1): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeats; i++) run();
  const spent = process.cpuUsage(start);
  return spent.user + spent.system;
}

/** How much larger the second size is than the first. */
export const SIZE_FACTOR = 16;

/**
 * The most that 16 times the input may multiply the CPU time by: linear work gives about 16
 * (less where a fixed cost weighs in), quadratic about 256.
 */
export const MAX_COST_RATIO = 64;

/** The smallest CPU time, in microseconds, that one measurement of the small size may take. */
const MIN_MEASURED = 4_000;

/** Unmeasured runs of each size before measuring, so that the compiler's work is not counted. */
const WARM_UP_RUNS = 2;

/** How many times the CPU time of `run(16n)` is that of `run(n)`. */
export function costRatio(run: (n: number) => void, n: number, rounds = 3): number {
  const large = SIZE_FACTOR * n;
  const first = cpuMicros(() => run(n));
  const firstLarge = cpuMicros(() => run(large));
  // Plainly super-linear (two seconds of CPU, and far past the bound): no need for more rounds.
  if (firstLarge > 2_000_000 && firstLarge / Math.max(first, 1) > 4 * MAX_COST_RATIO) return firstLarge / Math.max(first, 1);
  // Warm up: the first runs of a size compile and optimise code the later ones reuse.
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    run(n);
    run(large);
  }
  let repeats = 1;
  while (repeats < 1024 && cpuMicros(() => run(n), repeats) < MIN_MEASURED) repeats *= 2;
  let small = Infinity;
  let big = Infinity;
  for (let round = 0; round < rounds; round++) {
    small = Math.min(
      small,
      cpuMicros(() => run(n), repeats),
    );
    big = Math.min(
      big,
      cpuMicros(() => run(large), repeats),
    );
    // Well under the bound already: quadratic work measures about 256, and only a small run
    // slowed eightfold (every one of its repeats) would bring it this low. More rounds are for
    // ratios near the bound, where a collection in the large run could tip the answer.
    if (big / Math.max(small, 1) < MAX_COST_RATIO / 2) break;
  }
  return big / Math.max(small, 1);
}
