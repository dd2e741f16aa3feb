/**
 * The alerts' settings: a secret that can really sign links, and the README's local steps
 * working as written (alerts on, mail in the folder it names, links that open locally).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { alertsConfig, secretProblem } from '../../lib/alerts/config';

const REPO = path.resolve(import.meta.dirname, '..', '..');

describe('ALERTS_SECRET', () => {
  it('accepts 128 random bits or more, as hex or base64', () => {
    for (const good of [
      'c3f1a9e04b7d22e8a15f6c9d0b3e7a41', // 128 bits of hex
      '5e0c2bd3a8f94e17b6c0d9a2f4e8b1c7d3a6f0e9b2c5d8a1f4e7b0c3d6a9f2e5', // openssl rand -hex 32
      'q2N8vX0pLr4tY7uW1zK5mA==', // 128 bits of base64 (openssl rand -base64 16)
      'Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODk_-', // base64url
    ]) {
      expect(secretProblem(good), good).toBeUndefined();
    }
  });

  it('refuses spaces, short secrets and repeated characters, and says how to make one', () => {
    for (const bad of [' '.repeat(32), 'a'.repeat(64), 'abababababababababababababababab', '0123456789abcdef', 'correct horse battery staple!!!!']) {
      const problem = secretProblem(bad);
      expect(problem, JSON.stringify(bad)).toMatch(/openssl rand -hex 32/);
    }
    const off = alertsConfig({ ALERTS_SECRET: ' '.repeat(32), NODE_ENV: 'production', ALERTS_MAIL_DIR: 'x' }, REPO);
    expect(off.ok).toBe(false);
  });
});

describe("the README's local steps", () => {
  it('turn alerts on in `npm start`, with mail in .data/mail and links to the local server', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('**Locally (embedded database, nothing to install):**'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const exportLine = block.split('\n').find((line) => line.startsWith('export '));
    expect(exportLine, 'an `export` line in the README block').toBeDefined();
    expect(block).toContain('npm run build && npm start');
    // The line as a shell runs it (openssl included), then the environment it leaves.
    const printed = execFileSync('bash', ['-c', `${exportLine}\nenv -0`], {
      cwd: REPO,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NODE_ENV: 'test' },
    });
    const env: Record<string, string> = Object.fromEntries(
      printed
        .split('\0')
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
    );
    // `npm start` runs `next start`, which sets NODE_ENV=production.
    const config = alertsConfig({ ...env, NODE_ENV: 'production' }, REPO);
    expect(config.ok, config.ok ? '' : config.reason).toBe(true);
    if (!config.ok) return;
    const { smtpUrl, mailDir, baseUrl } = config.config;
    expect(smtpUrl).toBeUndefined();
    expect(path.relative(REPO, path.resolve(REPO, mailDir))).toBe(path.join('.data', 'mail'));
    expect(new URL(baseUrl ?? 'https://decisions.barnet.example').hostname).toBe('localhost');
    expect(readme).toContain('`.data/mail/`');
  });
});
