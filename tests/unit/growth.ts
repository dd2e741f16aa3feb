/**
 * How the cost of a function grows with its input, for tests that must show a text path is
 * linear without asserting any absolute time (the machine may be busy). `growthRatio(run, n)`
 * times `run(n)` and `run(2n)`, each the fastest of several runs, and gives their ratio: about
 * 2 for linear work, 4 for quadratic, 8 for cubic. A test asserts it stays below 3.
 *
 * The input is built inside `run`, so building it must itself be linear (string repeat is).
 */
export function growthRatio(run: (size: number) => unknown, size: number, { repeats = 5 } = {}): number {
  const fastest = (n: number) => {
    let best = Infinity;
    for (let i = 0; i < repeats; i++) {
      const started = process.hrtime.bigint();
      run(n);
      best = Math.min(best, Number(process.hrtime.bigint() - started));
    }
    return best;
  };
  fastest(size); // warm up the JIT before measuring anything
  // Small inputs can take less time than the timer resolves: grow until the base run is measurable.
  let n = size;
  while (fastest(n) < 5_000_000 && n < size * 64) n *= 2;
  return fastest(2 * n) / fastest(n);
}
