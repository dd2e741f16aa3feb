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

export type ConfigResult = { ok: true; config: AlertsConfig } | { ok: false; reason: string };

export function alertsConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): ConfigResult {
  const secret = env.ALERTS_SECRET ?? '';
  if (!secret) {
    return {
      ok: false,
      reason: 'email alerts are off: set ALERTS_SECRET (a long random string, e.g. `openssl rand -hex 32`) to sign the links in alert emails',
    };
  }
  if (secret.length < 32) return { ok: false, reason: 'email alerts are off: ALERTS_SECRET must be at least 32 characters' };
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
