/**
 * Size-doubling checks: how much longer a function takes when its input is four times as
 * large, as a factor per doubling (the square root of the ratio). Linear work gives about 2,
 * quadratic about 4; a check fails above 3. Never an absolute time: each size is run until the
 * smaller one takes a few milliseconds, and the fastest of several interleaved rounds counts,
 * so a busy machine slows both sizes alike.
 */

function elapsed(run: () => void, repeats: number): number {
  const start = performance.now();
  for (let i = 0; i < repeats; i++) run();
  return performance.now() - start;
}

/** The time factor per doubling of `n`, from runs at n and 4n. */
export function growthPerDoubling(run: (n: number) => void, n: number, rounds = 5): number {
  const first = elapsed(() => run(n), 1);
  const firstLarge = elapsed(() => run(4 * n), 1);
  // Plainly super-linear (seconds, and far more than 4× per doubling): no need to wait for more rounds.
  if (firstLarge > 2000 && firstLarge / Math.max(first, 0.001) > 4 * MAX_GROWTH * MAX_GROWTH) return Math.sqrt(firstLarge / Math.max(first, 0.001));
  let repeats = 1;
  while (repeats < 256 && elapsed(() => run(n), repeats) < 4) repeats *= 2;
  let small = Infinity;
  let large = Infinity;
  for (let round = 0; round < rounds; round++) {
    small = Math.min(
      small,
      elapsed(() => run(n), repeats),
    );
    large = Math.min(
      large,
      elapsed(() => run(4 * n), repeats),
    );
  }
  return Math.sqrt(large / Math.max(small, 0.001));
}

/** The most a doubling of the input may multiply the time by. */
export const MAX_GROWTH = 3;

/** The fastest of `rounds` runs, in milliseconds: for ratios between two workloads on this machine. */
export function fastest(run: () => unknown, rounds = 7): number {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/** Async version of fastest. */
export async function fastestAsync(run: () => Promise<unknown>, rounds = 7): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
