/**
 * The clock that decides what is published (lib/server/runtime.ts): SITE_NOW may fix it in tests, and
 * never, unasked, in a production build or server, where it would lift an embargo.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentRoot, currentTime, FIXED_CLOCK_ACKNOWLEDGED, FIXTURE_CONTENT_DIR, fixedClockProblem } from '../../lib/server/runtime';

const SUMMER_2030 = '2030-06-01T09:00:00Z';

describe('SITE_NOW', () => {
  it('fixes the clock in tests and in the local preview', () => {
    expect(currentTime({ NODE_ENV: 'test', SITE_NOW: SUMMER_2030 }).toISOString()).toBe('2030-06-01T09:00:00.000Z');
    expect(currentTime({ NODE_ENV: 'development', SITE_NOW: SUMMER_2030 }).toISOString()).toBe('2030-06-01T09:00:00.000Z');
    expect(fixedClockProblem({ NODE_ENV: 'development', SITE_NOW: SUMMER_2030 })).toBeUndefined();
  });

  it('is refused by a production build or server, in plain words that say what to do', () => {
    const env = { NODE_ENV: 'production', SITE_NOW: SUMMER_2030 };
    const problem = fixedClockProblem(env);
    expect(problem).toContain('SITE_NOW is set (2030-06-01T09:00:00Z)');
    expect(problem).toContain('would publish scheduled posts early');
    expect(problem).toContain('Unset SITE_NOW');
    expect(() => currentTime(env)).toThrow(/SITE_NOW is set/);
  });

  it('is allowed in production only where a test acknowledges it', () => {
    const env = { NODE_ENV: 'production', SITE_NOW: SUMMER_2030, [FIXED_CLOCK_ACKNOWLEDGED]: '1' };
    expect(fixedClockProblem(env)).toBeUndefined();
    expect(currentTime(env).toISOString()).toBe('2030-06-01T09:00:00.000Z');
  });

  it('leaves a production server without it on the real clock', () => {
    const before = Date.now();
    const now = currentTime({ NODE_ENV: 'production' }).getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(fixedClockProblem({ NODE_ENV: 'production', SITE_NOW: '' })).toBeUndefined();
  });
});

describe('CONTENT_DIR', () => {
  it('reads content/ when unset, so a deployed site serves what comms staff wrote', () => {
    expect(path.relative(process.cwd(), contentRoot({}))).toBe('content');
    expect(contentRoot({ CONTENT_DIR: '' })).toBe(contentRoot({}));
  });

  it("reads the tests' fixture when the tests name it", () => {
    expect(
      path
        .relative(process.cwd(), contentRoot({ CONTENT_DIR: FIXTURE_CONTENT_DIR }))
        .split(path.sep)
        .join('/'),
    ).toBe('tests/fixtures/content');
  });

  it('refuses any other folder rather than quietly building content/', () => {
    expect(() => contentRoot({ CONTENT_DIR: '/etc' })).toThrow(
      `CONTENT_DIR=/etc: the content folder is content/ (CONTENT_DIR unset) or ${FIXTURE_CONTENT_DIR}`,
    );
  });
});
