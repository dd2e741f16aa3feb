import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { withBuildNodeOptions } from '../../lib/server/heap';

describe('the build’s options for the processes it starts', () => {
  it('keep the environment and NODE_OPTIONS they were given and add the young generation’s size', () => {
    const given = { ...process.env, NODE_OPTIONS: '--enable-source-maps' };
    const env = withBuildNodeOptions(given);
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.NODE_OPTIONS).toMatch(/^--enable-source-maps --max-semi-space-size=\d+$/);
    // The environment handed in is not changed.
    expect(given.NODE_OPTIONS).toBe('--enable-source-maps');
    expect(withBuildNodeOptions({ ...process.env, NODE_OPTIONS: undefined }).NODE_OPTIONS).toMatch(/^--max-semi-space-size=\d+$/);
  });

  it('are options Node.js accepts in NODE_OPTIONS, so next build and its worker start', () => {
    // Node.js refuses to start when NODE_OPTIONS carries an option it does not allow there (as
    // it does --heap-growing-percent): the build would fail before rendering a page.
    const started = spawnSync(process.execPath, ['-e', 'process.stdout.write("started")'], {
      env: withBuildNodeOptions({ ...process.env, NODE_OPTIONS: undefined }),
      encoding: 'utf8',
    });
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toBe('started');
  });
});
