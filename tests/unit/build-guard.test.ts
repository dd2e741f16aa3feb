import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT_DIR } from '../support/content';

const run = promisify(execFile);
const root = process.cwd();

/**
 * `npm run build` on a copy of the project with one broken post: the build must refuse it
 * with the checker's message, and leave the previous build (the live site) untouched.
 */
describe('npm run build with a broken post', () => {
  let project: string;

  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'build-guard-'));
    for (const entry of ['package.json', 'tsconfig.json', 'scripts', 'lib', FIXTURE_CONTENT_DIR])
      cpSync(path.join(root, entry), path.join(project, entry), { recursive: true });
    symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
    writeFileSync(
      path.join(project, FIXTURE_CONTENT_DIR, 'decisions', '2011-07-01-broken.md'),
      [
        '---',
        'title: "Broken"',
        'date: 2011-07-01',
        'summary: "A post with a wrong committee."',
        'committee: cabinet-resourcez-committee',
        'decisions:',
        '  - subject: "x"',
        '    stage: other',
        '    outcome: noted',
        '---',
        'Text.',
        '',
      ].join('\n'),
    );
    // The previous, good build that the live site is serving.
    mkdirSync(path.join(project, '.next'));
    writeFileSync(path.join(project, '.next/BUILD_ID'), 'live-build');
  });

  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('fails, names the file, line and field, and leaves the previous build in place', async () => {
    // The build reads the folder CONTENT_DIR names (lib/server/runtime.ts), the fixture copy here.
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', CONTENT_DIR: FIXTURE_CONTENT_DIR };
    const result = await run('npm', ['run', 'build'], { cwd: project, env }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `${FIXTURE_CONTENT_DIR}/decisions/2011-07-01-broken.md:5: committee: There is no committee called 'cabinet-resourcez-committee'; did you mean 'cabinet-resources-committee'?`,
    );
    expect(existsSync(path.join(project, '.next/BUILD_ID'))).toBe(true);
    expect(readFileSync(path.join(project, '.next/BUILD_ID'), 'utf8')).toBe('live-build');
  }, 120_000);
});
