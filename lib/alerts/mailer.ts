/**
 * Sends one composed email: over SMTP with nodemailer, or, in development without SMTP_URL,
 * into a folder as .eml files. Says whether a failure is worth retrying.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Email } from './email';

/**
 * A temporary failure's scope: `server`, our SMTP server did not answer (refused, timed out,
 * closed, or 421: it is going away), so nothing else will go either; `domain`, it answered 4xx
 * for this recipient, whose mail host is struggling; `message`, a 5xx to MAIL FROM or DATA (this
 * message, or our account, not the address).
 */
export type TransientScope = 'server' | 'domain' | 'message';

export type MailResult = { kind: 'sent' } | { kind: 'transient'; error: string; scope: TransientScope } | { kind: 'permanent'; error: string };

export interface Mailer {
  readonly description: string;
  send(email: Email): Promise<MailResult>;
  close(): void;
}

interface SmtpError {
  message?: string;
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

/**
 * A 5xx to RCPT TO means this address does not exist or will never take our mail: permanent.
 * Everything else (connection refused, timeouts, 4xx, a 5xx to MAIL FROM or DATA, which say
 * more about our server or message than about the address) is retried with backoff.
 */
export function classifySmtpError(error: unknown): MailResult {
  const e = (error ?? {}) as SmtpError;
  const text = `${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}: ${e.response ?? e.message ?? String(error)}`;
  const code = e.responseCode ?? 0;
  if (code >= 500 && code < 600 && e.command === 'RCPT TO') return { kind: 'permanent', error: text };
  if (code >= 500 && code < 600) return { kind: 'transient', error: text, scope: 'message' };
  if (code >= 400 && code < 500 && code !== 421) return { kind: 'transient', error: text, scope: 'domain' };
  return { kind: 'transient', error: text, scope: 'server' };
}

/**
 * How long the SMTP client waits, in milliseconds. nodemailer's own defaults are minutes (2 to
 * connect, 10 of silence on the socket), and each sender run waits for its slowest message; an
 * SMTP server that takes longer than these to answer is down as far as the sender is concerned,
 * and the message is retried. SMTP_URL's query overrides any of them (`?socketTimeout=60000`).
 * The store's lease on a claimed message (service.ts, CLAIM_LEASE_MS) outlasts their sum.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** nodemailer's transport URL: SMTP_URL with the pool and the timeouts above unless it sets its own. */
export function smtpTransportUrl(smtpUrl: string): URL {
  const url = new URL(smtpUrl);
  // A pool keeps connections open between messages (a 10,000-subscriber send would otherwise
  // open 10,000 connections); the URL can override it.
  if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true');
  for (const [name, ms] of Object.entries(SMTP_TIMEOUTS)) if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  return url;
}

export function smtpMailer(smtpUrl: string, from: string): Mailer {
  const url = smtpTransportUrl(smtpUrl);
  const transport: Transporter = nodemailer.createTransport(url.toString());
  return {
    description: `SMTP at ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 587)}`,
    async send(email) {
      try {
        await transport.sendMail(toNodemailer(email, from));
        return { kind: 'sent' };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}

export function folderMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `the folder ${dir} (no SMTP_URL)`,
    async send(email) {
      const info = await transport.sendMail(toNodemailer(email, from));
      mkdirSync(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.messageId.replace(/[^A-Za-z0-9-]/g, '')}.eml`;
      writeFileSync(path.join(dir, name), info.message as Buffer);
      return { kind: 'sent' };
    },
    close: () => transport.close(),
  };
}

function toNodemailer(email: Email, from: string) {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: email.messageId,
    headers: email.headers,
    // nodemailer writes List-Unsubscribe: <url>; the -Post header is in email.headers (RFC 8058).
    list: email.unsubscribeUrl ? { unsubscribe: email.unsubscribeUrl } : undefined,
    // No click or open tracking of any kind: links go out exactly as written.
    disableUrlAccess: true,
    disableFileAccess: true,
  };
}

/** The mailer's answer, or a temporary failure of the server once `ms` have gone by without one. */
export async function withDeadline(sending: Promise<MailResult>, ms: number): Promise<MailResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<MailResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'transient', error: `no answer within ${ms / 1000} s`, scope: 'server' }), ms);
    timer.unref();
  });
  try {
    return await Promise.race([sending, late]);
  } finally {
    clearTimeout(timer);
  }
}
