import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIXTURE_CONTENT_DIR } from '../support/content';

/**
 * SITE_NOW decides which posts are published. A production server started with it, by mistake,
 * would lift every embargo (lib/server/runtime.ts): it must refuse to start and say why.
 */
test.describe('a production server with SITE_NOW set', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'a server start does not depend on the browser');

  test('refuses to start, naming the variable and what to do', async () => {
    const next = path.join(process.cwd(), 'node_modules', '.bin', 'next');
    const child = spawn(next, ['start', '-p', String(Number(process.env.E2E_PORT ?? 3000) + 400)], {
      env: { ...process.env, NODE_ENV: 'production', CONTENT_DIR: FIXTURE_CONTENT_DIR, SITE_NOW: '2099-01-01T00:00:00Z', SITE_NOW_FOR_TESTS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 45_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(exitCode, output).toBe(1);
    expect(output).toContain('Refusing to start: SITE_NOW is set (2099-01-01T00:00:00Z)');
    expect(output).toContain('Unset SITE_NOW');
  });
});
