/**
 * Waits for what a test cannot await directly (a process ending, a TCP peer having seen bytes, a
 * queue filling), looking every few milliseconds. A hang guard, not a timing: it throws, naming
 * what never happened, only after `guardMs`.
 */
export async function until(condition: () => boolean | Promise<boolean>, what = 'the awaited condition', guardMs = 60_000): Promise<void> {
  const end = Date.now() + guardMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
