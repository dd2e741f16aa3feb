/**
 * Real parts for the alerts tests: an SMTP server over TCP (nodemailer's smtp-server) whose
 * mail is read back with mailparser, a PostgreSQL database of its own on the local server
 * (created and dropped by each test), and content built from plain records.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import pg from 'pg';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Committee, Decision, Project } from '../../lib/content/types';
import type { AlertContent } from '../../lib/alerts/service';

export const SECRET = 'test-secret-that-is-long-enough-0123456789';
export const PG_ADMIN_URL = process.env.ALERTS_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Sink {
  port: number;
  url: string;
  mails: ParsedMail[];
  /** How RCPT TO and DATA answer: accept, refuse for now (4xx), or say the address does not exist (5xx). */
  mode: 'accept' | 'refuse' | 'reject';
  /** Addresses that get 550 at RCPT TO whatever the mode (the answer quotes the address, as real servers do). */
  unknown: Set<string>;
  /** Domains whose addresses get 451 at RCPT TO whatever the mode (a mail host that is struggling). */
  refuseDomains: Set<string>;
  /** Addresses whose message gets 550 after its data (refused for what it is, not for who it is to). */
  rejectData: Set<string>;
  /** Addresses whose message gets 451 after its data: the message was seen (see `seen`) but not accepted. */
  refuseData: Set<string>;
  /** Every RCPT TO, accepted or not, in order: how often each address and domain was tried. */
  rcpt: string[];
  /** Every message whose data arrived, accepted or not: its recipients and Message-ID. */
  seen: Array<{ to: string[]; messageId: string }>;
  received: number;
  /**
   * Connections that broke (a sender stopped while it was sending: ECONNRESET), in order. A mail
   * server logs them and goes on; unheard, smtp-server's 'error' event would throw in the test's
   * process and fail whichever test was running when a stopped site server's connection reset.
   */
  brokenConnections: Error[];
  /** Bytes of message data read so far, of whole messages or not. */
  dataBytes: number;
  /** While set, the n-th message received and every later one get no answer after their data: their senders hang. */
  stallFrom?: number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

export async function startSink(port = 0, parse = true): Promise<Sink> {
  const sink: Partial<Sink> & { mails: ParsedMail[] } = {
    mails: [],
    mode: 'accept',
    unknown: new Set(),
    refuseDomains: new Set(),
    rejectData: new Set(),
    refuseData: new Set(),
    rcpt: [],
    seen: [],
    received: 0,
    brokenConnections: [],
    dataBytes: 0,
  };
  const answer = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session: SMTPServerSession, callback) {
      sink.rcpt!.push(address.address);
      if (sink.unknown!.has(address.address) || sink.mode === 'reject') return callback(answer(550, `5.1.1 <${address.address}>: No such user`));
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      if (sink.mode === 'refuse' || sink.refuseDomains!.has(domain)) return callback(answer(451, '4.3.2 Try again later'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        sink.dataBytes! += c.length;
        chunks.push(c);
      });
      stream.on('end', () => {
        sink.received!++;
        const to = session.envelope.rcptTo.map((r) => r.address);
        const raw = Buffer.concat(chunks).toString('latin1');
        sink.seen!.push({ to, messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '' });
        if (sink.stallFrom !== undefined && sink.received! >= sink.stallFrom) return; // never answered: not accepted
        if (to.some((a) => sink.rejectData!.has(a))) return callback(answer(550, '5.7.1 Message refused'));
        if (to.some((a) => sink.refuseData!.has(a))) return callback(answer(451, '4.7.1 Try again later'));
        if (!parse) return callback();
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            sink.mails.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.on('error', (error: Error) => sink.brokenConnections!.push(error));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    async waitFor(count: number, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (sink.mails.length < count && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      return sink.mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as Sink;
}

/** A fresh database on the local PostgreSQL server; drop() removes it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `alerts_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export function decision(slug: string, published: string, extra: Partial<Decision> = {}): Decision {
  return {
    slug,
    file: `content/decisions/${slug}.md`,
    title: `Title of ${slug}`,
    published: new Date(published),
    updated: new Date(published),
    summary: `Summary of ${slug}.`,
    committee: 'cabinet-resources-committee',
    items: [
      { id: `business-case-for-${slug}`, subject: `Business case for ${slug}`, project: 'nscso', stage: 'business-case', outcome: 'approved', documents: [] },
    ],
    tags: ['one-barnet'],
    draft: false,
    updates: [],
    glossaryLinks: false,
    body: 'Body.',
    ...extra,
  };
}

const committee = (slug: string, name: string): Committee => ({
  slug,
  file: `content/committees/${slug}.md`,
  name,
  summary: name,
  kind: 'committee',
  body: '',
});
const project = (slug: string, name: string): Project => ({
  slug,
  file: `content/projects/${slug}.md`,
  name,
  programme: 'One Barnet',
  summary: name,
  status: 'business-case',
  body: '',
});

/**
 * Content whose visible set follows a clock, as the site's does (lib/records/published.ts): `all` are
 * every post, published or scheduled.
 */
export function contentSource(all: () => Decision[]) {
  return async (now: Date): Promise<AlertContent> => {
    const { visibleDecisions } = await import('../../lib/records/published');
    const decisions = visibleDecisions(
      [...all()].sort((a, b) => b.published.getTime() - a.published.getTime()),
      { now, preview: false },
    );
    return {
      decisions,
      committees: new Map([
        ['cabinet-resources-committee', committee('cabinet-resources-committee', 'Cabinet Resources Committee')],
        ['cabinet', committee('cabinet', 'Cabinet')],
      ]),
      projects: new Map([
        ['nscso', project('nscso', 'New Support and Customer Services Organisation')],
        ['drs', project('drs', 'Development and Regulatory Services')],
      ]),
      tags: new Set(decisions.flatMap((d) => d.tags)),
      siteTitle: 'One Barnet decisions',
      councilName: 'London Borough of Barnet',
      baseUrl: 'https://decisions.barnet.example',
    };
  };
}

/** A clock a test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    set: (iso: string) => void (now = new Date(iso).getTime()),
    advance: (ms: number) => void (now += ms),
  };
}

export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]*${path.replace(/\//g, '\\/')}\\?token=[A-Za-z0-9_.%-]+`).exec(text);
  if (!match) throw new Error(`no ${path} link in:\n${text}`);
  return match[0];
}

export function tokenOf(link: string): string {
  return decodeURIComponent(new URL(link).searchParams.get('token')!);
}
