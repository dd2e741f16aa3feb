/** What the build's processes print: a line of progress, and how long a step took. */
export function seconds(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}

export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
