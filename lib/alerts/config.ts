/**
 * The alerts' settings, from the environment. Alerts need ALERTS_SECRET (it signs every link in
 * every email); without it they do not start, and say why, while the rest of the site serves on.
 */
import path from 'node:path';

export interface AlertsConfig {
  secret: string;
  databaseUrl?: string;
  /** The embedded database's folder (when there is no DATABASE_URL). */
  dataDir: string;
  /** smtp://… or smtps://…; absent: mail is written to mailDir (development only). */
  smtpUrl?: string;
  mailDir: string;
  from: string;
  /** Where the links in emails point; defaults to content/site.json's baseUrl. */
  baseUrl?: string;
  /** Run the sender inside the server every minute (ALERTS_SENDER=off leaves it to cron). */
  inServerSender: boolean;
  /** How often the in-server sender runs (ALERTS_INTERVAL_MS; a minute unless a test says less). */
  intervalMs: number;
}

const MAKE_SECRET = 'make one with `openssl rand -hex 32`';

/** Random bytes a secret must hold: 128 bits, so that nobody can guess it and forge a link. */
export const SECRET_MIN_BYTES = 16;

/**
 * Why ALERTS_SECRET cannot sign links, or undefined. It must be random bytes written as hex or
 * base64 (or base64url), at least 128 bits of them: 32 spaces, or a short word repeated, are as
 * good as no secret. The text itself is the HMAC key, as it always was, so a valid secret that
 * signed links before still signs the same links.
 */
export function secretProblem(secret: string): string | undefined {
  let bytes: number;
  if (/^[0-9a-fA-F]+$/.test(secret) && secret.length % 2 === 0) bytes = secret.length / 2;
  else if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(secret)) bytes = Math.floor((secret.replace(/=+$/, '').length * 6) / 8);
  else return `ALERTS_SECRET must be random bytes written as hex or base64 (${MAKE_SECRET})`;
  if (bytes < SECRET_MIN_BYTES) return `ALERTS_SECRET holds ${bytes * 8} bits; it needs at least ${SECRET_MIN_BYTES * 8} (${MAKE_SECRET})`;
  // A repeated pattern (`aaaa…`, `abababab…`) passes both spellings but holds almost no randomness.
  if (new Set(secret).size < 8) return `ALERTS_SECRET is not random: it repeats a few characters (${MAKE_SECRET})`;
  return undefined;
}

export type ConfigResult = { ok: true; config: AlertsConfig } | { ok: false; reason: string };

export function alertsConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ConfigResult {
  const secret = env.ALERTS_SECRET ?? '';
  if (!secret) return { ok: false, reason: `email alerts are off: set ALERTS_SECRET to sign the links in alert emails (${MAKE_SECRET})` };
  const problem = secretProblem(secret);
  if (problem) return { ok: false, reason: `email alerts are off: ${problem}` };
  const production = env.NODE_ENV === 'production';
  if (production && !env.SMTP_URL && env.ALERTS_MAIL_DIR === undefined) {
    return { ok: false, reason: 'email alerts are off: set SMTP_URL (smtp://user:pass@host:587) to send mail, or ALERTS_MAIL_DIR to write it to a folder' };
  }
  return {
    ok: true,
    config: {
      secret,
      databaseUrl: env.DATABASE_URL || undefined,
      // Outside content/ (the build reads that) and ignored by git.
      dataDir: env.ALERTS_DATA_DIR || path.join(cwd, '.data', 'alerts'),
      smtpUrl: env.SMTP_URL || undefined,
      mailDir: env.ALERTS_MAIL_DIR || path.join(cwd, '.data', 'mail'),
      from: env.ALERTS_FROM || 'One Barnet decisions <alerts@decisions.barnet.example>',
      baseUrl: env.ALERTS_BASE_URL || undefined,
      inServerSender: env.ALERTS_SENDER !== 'off',
      intervalMs: Math.max(200, Number(env.ALERTS_INTERVAL_MS) || 60_000),
    },
  };
}
