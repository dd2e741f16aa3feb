/**
 * How the cost of a function grows with its input, for tests that must show a text path is
 * linear without asserting any absolute time (the machine may be busy). `growthRatio` builds an
 * input of size n and one of size 2n (outside the timing), times `run` on each, and gives the
 * ratio of the times: about 2 for linear work, 4 for quadratic, 8 for cubic. A test asserts it
 * stays below 3.
 *
 * Timings on a shared machine are noisy, and noise only ever adds time: each size is timed
 * several times, interleaved, keeping the fastest, and the whole measurement is repeated (up to
 * `attempts` times) until one gives a ratio below the bound. Super-linear code never does.
 */
export function growthRatio<T>(make: (size: number) => T, run: (input: T) => unknown, size: number, { repeats = 5, attempts = 3, bound = 3 } = {}): number {
  const time = (input: T) => {
    const started = process.hrtime.bigint();
    run(input);
    return Number(process.hrtime.bigint() - started);
  };
  // Grow the base size until one run is long enough to measure (a few milliseconds).
  let n = size;
  let small = make(n);
  time(small); // warm up the JIT
  while (time(small) < 3_000_000 && n < size * 64) small = make((n *= 2));
  const large = make(2 * n);
  let best = Infinity;
  for (let attempt = 0; attempt < attempts && best >= bound; attempt++) {
    let fastSmall = Infinity;
    let fastLarge = Infinity;
    for (let i = 0; i < repeats; i++) {
      fastSmall = Math.min(fastSmall, time(small));
      fastLarge = Math.min(fastLarge, time(large));
    }
    best = Math.min(best, fastLarge / fastSmall);
  }
  return best;
}
