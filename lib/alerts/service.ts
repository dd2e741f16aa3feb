/**
 * The alerts service: what the routes and the sender ask for. Its parts (store, mailer, content,
 * clock) are passed in, so the tests run it with the real store, a real SMTP server and real
 * content, and the server runs it with the process's own (lib/alerts/site-alerts.ts).
 */
import type { Committee, Decision, Project } from '../content/types';
import { londonIsoDate } from '../dates';
import type { Meeting } from '../meetings/derive';
import { composeEmail, type EmailContext } from './email';
import {
  canonicalMailbox,
  checkEmail,
  CONFIRMATIONS_IN_FLIGHT,
  CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT,
  CONFIRMATIONS_PER_MAILBOX_PER_HOUR,
  RateLimiter,
  REQUESTS_PER_CLIENT_PER_MINUTE,
} from './limits';
import { withDeadline, type Mailer } from './mailer';
import { planAlert } from './schedule';
import { plannedSnapshotsFor } from './planned';
import { snapshotsFor } from './snapshots';
import { redact } from './redact';
import type { SendOutcome, SendPolicy, Store } from './store';
import { makeToken, readToken } from './tokens';
import { FORWARD_PLAN_KINDS, FREQUENCIES, type Frequency, type OutgoingMessage, type Subject } from './types';

import { describeSubject, FORM_ERRORS, parseFollow, type FieldError, type FormFields, type SubscribeResult } from './form';
import {
  CLAIM_LEASE_MS,
  DELIVERY_LOG_RETENTION_DAYS,
  domainBackoffDelay,
  retryDelay,
  RETRY_ATTEMPTS,
  SEND_DEADLINE_MS,
  UNCONFIRMED_RETENTION_DAYS,
} from './policy';

export * from './form';
export * from './policy';

export interface AlertContent {
  /** The decisions visible now (lib/records/published.ts's chokepoint), newest first. */
  decisions: readonly Decision[];
  committees: ReadonlyMap<string, Committee>;
  projects: ReadonlyMap<string, Project>;
  /** Topics with at least one visible decision. */
  tags: ReadonlySet<string>;
  /**
   * Every meeting (lib/meetings), whose agenda items marked `keyDecision` are the forward plan's
   * key decisions. Absent: there is no forward plan to follow.
   */
  meetings?: readonly Meeting[];
  siteTitle: string;
  councilName: string;
  baseUrl: string;
}

export interface AlertsDeps {
  store: Store;
  mailer: Mailer;
  secret: string;
  content: (now: Date) => Promise<AlertContent>;
  clock: () => Date;
  /** Overrides the site's baseUrl in email links (tests and staging). */
  baseUrl?: string;
  /**
   * Concurrent senders. Each uses the database only to claim a message and to record its
   * answer, never while the SMTP server answers.
   */
  senders?: number;
  log?: (line: string) => void;
}

export interface RunReport {
  added: number;
  baseline: boolean;
  planned: number;
  messages: number;
  sent: number;
  retried: number;
  failed: number;
  /** The run knew without asking the database that there was nothing to do (noteQuiet). */
  quiet: boolean;
}

/** How often a run forgets what the privacy page says is forgotten (at most). */
const FORGET_EVERY_MS = 3600_000;

/**
 * What a sole-writer store (the embedded database) said when the last full run ended: nothing to
 * do before `until`, while the content is `key` and the store's activity stays `activity`.
 */
interface Quiet {
  key: string;
  activity: number;
  until: number;
}

export class Alerts {
  private readonly limiter = new RateLimiter(REQUESTS_PER_CLIENT_PER_MINUTE, 60_000);
  private running: Promise<RunReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private syncedKey = '';
  private lastForget = 0;
  private quiet: Quiet | undefined;

  constructor(readonly deps: AlertsDeps) {}

  private log(line: string) {
    // Every line through redact(): an SMTP answer or an error can quote an address or a token.
    (this.deps.log ?? console.log)(`alerts: ${redact(line)}`);
  }

  private subjectExists(content: AlertContent, subject: Subject): boolean {
    switch (subject.kind) {
      case 'all':
        return true;
      case 'committee':
        return content.committees.has(subject.slug);
      case 'project':
        return content.projects.has(subject.slug);
      case 'tag':
        return content.tags.has(subject.slug);
    }
  }

  /**
   * The form. The answer is the same whether the address is new, waiting for confirmation or
   * already subscribed, and whether or not the per-address limit let an email go: nobody can
   * learn from it who is subscribed.
   */
  async subscribe(form: FormFields, client: string): Promise<SubscribeResult> {
    const now = this.deps.clock();
    if (!this.limiter.allow(client, now.getTime())) return { kind: 'rate-limited' };
    const content = await this.deps.content(now);
    const values = {
      // Shown again in the form: without its hidden characters, which the page could not show.
      email: (form.email ?? '').slice(0, 320).replace(/[\p{Cc}\p{Cf}]/gu, ''),
      follow: form.follow ?? '',
      frequency: form.frequency ?? '',
      corrections: form.corrections === 'yes',
      planned: form.planned === 'yes',
    };
    const errors: FieldError[] = [];
    const checked = checkEmail(form.email);
    if (!checked.ok)
      errors.push(FORM_ERRORS[checked.problem === 'missing' ? 'email-missing' : checked.problem === 'hidden-character' ? 'email-hidden' : 'email-format']);
    const subject = parseFollow(form.follow);
    if (!subject || !this.subjectExists(content, subject)) errors.push(FORM_ERRORS.follow);
    const frequency = FREQUENCIES.find((f) => f === form.frequency);
    if (!frequency) errors.push(FORM_ERRORS.frequency);
    if (errors.length > 0 || !checked.ok || !subject || !frequency) return { kind: 'invalid', errors, values };
    const outcome = await this.deps.store.requestSubscription({
      email: checked.email,
      ...canonicalMailbox(checked.email),
      subject,
      frequency,
      corrections: values.corrections,
      // A topic's form has no such box, and the forward plan gives no topics: no for a topic.
      planned: values.planned && FORWARD_PLAN_KINDS.includes(subject.kind),
      now,
      limits: {
        perMailboxPerHour: CONFIRMATIONS_PER_MAILBOX_PER_HOUR,
        perDomainInFlight: CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT,
        inFlight: CONFIRMATIONS_IN_FLIGHT,
      },
    });
    if (outcome.kind === 'busy') {
      this.log(`confirmation emails held back: the ${outcome.cap === 'site' ? 'site-wide' : 'per-domain'} cap is reached`);
      return outcome;
    }
    if (outcome.queued) this.kick();
    return { kind: 'accepted' };
  }

  /**
   * For the page a confirmation link opens: says what would be confirmed (the subject, when the
   * token names it; how often; corrections; the forward plan's key decisions), changes nothing.
   * `planned` is undefined where the subject cannot follow the forward plan (a topic).
   */
  async describeConfirmation(
    token: unknown,
  ): Promise<{ ok: true; frequency: Frequency; corrections: boolean; planned: boolean | undefined; what: string | undefined } | { ok: false; reason: string }> {
    const now = this.deps.clock();
    const read = readToken(this.deps.secret, token, 'confirm', now);
    if (!read.ok) return { ok: false, reason: read.reason };
    const subject = read.payload.w;
    const what = subject ? describeSubject(await this.deps.content(now), subject) : undefined;
    const planned = subject && !FORWARD_PLAN_KINDS.includes(subject.kind) ? undefined : read.payload.k === true;
    return { ok: true, frequency: read.payload.f, corrections: read.payload.c === true, planned, what };
  }

  async confirm(token: unknown): Promise<{ ok: true; manageToken: string; description: string } | { ok: false; reason: string }> {
    const now = this.deps.clock();
    const read = readToken(this.deps.secret, token, 'confirm', now);
    if (!read.ok) return { ok: false, reason: read.reason };
    const done = await this.deps.store.confirm(
      { subscriptionId: read.payload.s, frequency: read.payload.f, corrections: read.payload.c, planned: read.payload.k === true },
      now,
    );
    if (!done) return { ok: false, reason: 'gone' };
    const content = await this.deps.content(now);
    return { ok: true, manageToken: makeToken(this.deps.secret, { p: 'manage', u: done.subscriberId }), description: describeSubject(content, done.subject) };
  }

  async manageView(token: unknown) {
    const read = readToken(this.deps.secret, token, 'manage', this.deps.clock());
    if (!read.ok) return undefined;
    const subscriber = await this.deps.store.subscriber(read.payload.u);
    if (!subscriber) return undefined;
    const content = await this.deps.content(this.deps.clock());
    return {
      email: subscriber.email,
      subscriptions: subscriber.subscriptions.map((s) => ({
        id: s.id,
        description: describeSubject(content, s),
        frequency: s.frequency,
        corrections: s.corrections,
        // undefined: this subscription (a topic) cannot follow the forward plan.
        planned: FORWARD_PLAN_KINDS.includes(s.kind) ? s.planned : undefined,
      })),
    };
  }

  /** The manage page's forms: `action` is save (one subscription), end (one) or end-all. */
  async manageUpdate(form: FormFields): Promise<{ ok: true; token: string; done: 'saved' | 'ended' | 'deleted' } | { ok: false }> {
    const read = readToken(this.deps.secret, form.token, 'manage', this.deps.clock());
    if (!read.ok) return { ok: false };
    const subscriberId = read.payload.u;
    const id = Number(form.subscription);
    if (form.action === 'end-all') {
      await this.deps.store.endSubscriptions(subscriberId, 'all');
      return { ok: true, token: form.token!, done: 'deleted' };
    }
    if (!Number.isSafeInteger(id)) return { ok: false };
    if (form.action === 'end') {
      const { addressDeleted } = await this.deps.store.endSubscriptions(subscriberId, [id]);
      return { ok: true, token: form.token!, done: addressDeleted ? 'deleted' : 'ended' };
    }
    const frequency = FREQUENCIES.find((f) => f === form.frequency);
    if (form.action !== 'save' || !frequency) return { ok: false };
    const saved = await this.deps.store.updateSubscription(subscriberId, id, {
      frequency,
      corrections: form.corrections === 'yes',
      planned: form.planned === 'yes',
    });
    return saved ? { ok: true, token: form.token!, done: 'saved' } : { ok: false };
  }

  /** One-click (RFC 8058) or the button: ends the subscriptions the email was about. */
  async unsubscribe(token: unknown): Promise<{ ok: true; addressDeleted: boolean } | { ok: false }> {
    const read = readToken(this.deps.secret, token, 'unsubscribe', this.deps.clock());
    if (!read.ok) return { ok: false };
    const { addressDeleted } = await this.deps.store.endSubscriptions(read.payload.u, read.payload.s);
    return { ok: true, addressDeleted };
  }

  validUnsubscribeToken(token: unknown): boolean {
    return readToken(this.deps.secret, token, 'unsubscribe', this.deps.clock()).ok;
  }

  /**
   * Writes and sends one message. `serverDown`: our SMTP server did not answer at all, so the
   * run stops (the rest would fail the same way); any other failure is this message's or its
   * domain's, and the run goes on.
   */
  private async deliver(message: OutgoingMessage, now: Date, content: AlertContent): Promise<{ outcome: SendOutcome; serverDown: boolean }> {
    const ctx: EmailContext = {
      baseUrl: this.deps.baseUrl ?? content.baseUrl,
      siteTitle: content.siteTitle,
      councilName: content.councilName,
      secret: this.deps.secret,
      installId: this.deps.store.installId,
      now,
      describe: (subject) => describeSubject(content, subject),
    };
    const result = await withDeadline(this.deps.mailer.send(composeEmail(message, ctx)), SEND_DEADLINE_MS);
    if (result.kind === 'sent') return { outcome: result, serverDown: false };
    // An SMTP answer often quotes the address, and nothing in a log line may name one.
    const error = redact(result.error);
    if (result.kind === 'permanent') {
      this.log(`message ${message.id}: permanent failure, the address's subscriptions end (${error})`);
      return { outcome: { kind: 'permanent', error }, serverDown: false };
    }
    const giveUp = message.attempts + 1 >= RETRY_ATTEMPTS;
    this.log(`message ${message.id}: will retry (${error})`);
    const nextAttemptAt = new Date(this.deps.clock().getTime() + retryDelay(message.attempts));
    return {
      outcome: { kind: 'retry', error, nextAttemptAt, giveUp, backOffDomain: result.scope === 'domain' },
      serverDown: result.scope === 'server',
    };
  }

  /**
   * One run of the sender: note newly visible posts and corrections, plan who gets what, send
   * what is due, forget what the privacy page says is forgotten. Safe to run in every
   * instance at once, and again after any crash: the database decides who sends what.
   */
  async runOnce(): Promise<RunReport> {
    // One run at a time per process; a caller arriving during a run waits for it and then
    // runs afresh, with the clock as it is then.
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async run(): Promise<RunReport> {
    const { store } = this.deps;
    const now = this.deps.clock();
    const content = await this.deps.content(now);
    const report: RunReport = { added: 0, baseline: false, planned: 0, messages: 0, sent: 0, retried: 0, failed: 0, quiet: false };
    // The visible set changes only when a post or a correction appears, and the forward plan's
    // key decisions when a meeting file changes or a meeting passes: skip the sync otherwise.
    const forwardPlan = plannedSnapshotsFor(content.meetings ?? [], content.committees, content.projects, londonIsoDate(now));
    const key = [
      content.decisions.length,
      content.decisions[0]?.slug ?? '',
      content.decisions.reduce((n, d) => n + d.updates.length, 0),
      ...forwardPlan.map((p) => `${p.snapshot.slug}/${p.key}`),
    ].join(':');
    const quiet = this.quiet;
    if (quiet && quiet.key === key && quiet.activity === store.activity() && now.getTime() < quiet.until) {
      report.quiet = true;
      return report;
    }
    this.quiet = undefined;
    if (key !== this.syncedKey) {
      const synced = await store.syncAlerts([...snapshotsFor(content.decisions, content.committees), ...forwardPlan], now);
      // Another instance held the lock: try again next run (it may have been doing this very sync).
      if (synced) {
        report.added = synced.added;
        report.baseline = synced.baseline;
        if (synced.baseline)
          this.log(`first start: ${synced.added} posts, corrections and planned key decisions already published are the baseline (nobody is emailed them)`);
        this.syncedKey = key;
      }
    }
    const planned = await store.plan(now, planAlert);
    if (planned) {
      report.planned = planned.planned;
      report.messages = planned.messages;
    }
    // A domain that answers "later" is skipped for the rest of the run (and, through the
    // store's domain_backoff, by later runs until its backoff ends); one recipient's failure
    // never stops the run. Only our SMTP server not answering does: every message would wait
    // for the same timeout.
    let serverDown = false;
    const failedDomains = new Set<string>();
    const policy: SendPolicy = { leaseMs: CLAIM_LEASE_MS, domainBackoffMs: domainBackoffDelay, skipDomains: failedDomains };
    const send = async (message: OutgoingMessage) => {
      const delivered = await this.deliver(message, now, content);
      if (delivered.serverDown) serverDown = true;
      return delivered.outcome;
    };
    const worker = async () => {
      while (!serverDown) {
        const result = await store.sendOne(this.deps.clock, send, policy);
        if (result.status === 'none') return;
        if (result.status === 'sent') report.sent++;
        else if (result.status === 'retry') {
          report.retried++;
          if (result.domainBackedOff) failedDomains.add(result.domain);
        } else if (result.status === 'lost') this.log('a message was answered after its claim had ended and another sender had taken it over');
        else report.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.senders ?? 1) }, worker));
    if (now.getTime() - this.lastForget > FORGET_EVERY_MS) {
      const forgotten = await store.forget(now, { unconfirmedDays: UNCONFIRMED_RETENTION_DAYS, logDays: DELIVERY_LOG_RETENTION_DAYS });
      this.lastForget = now.getTime();
      if (forgotten.subscribers + forgotten.subscriptions + forgotten.messages > 0) {
        this.log(
          `forgot ${forgotten.subscribers} unconfirmed addresses, ${forgotten.subscriptions} unconfirmed subscriptions, ${forgotten.messages} old log entries`,
        );
      }
    }
    if (store.soleWriter && !serverDown && key === this.syncedKey) await this.noteQuiet(key);
    if (report.sent + report.retried + report.failed > 0 || report.planned > 0) {
      this.log(`run: ${report.planned} new alerts, ${report.messages} emails queued, ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`);
    }
    return report;
  }

  /**
   * After a full run on a store that only this process writes (the embedded database): when the
   * next run has anything to do, unless the content or the store changes first. Until then runs
   * end without a query, and the database's process stays stopped (lib/alerts/pglite-process.ts).
   * Recorded only if nothing else used the store while it was asked; the hourly forget waits
   * for its hour as it does in a full run.
   */
  private async noteQuiet(key: string): Promise<void> {
    const { store } = this.deps;
    const before = store.activity();
    const next = await store.nextWork({ unconfirmedDays: UNCONFIRMED_RETENTION_DAYS, logDays: DELIVERY_LOG_RETENTION_DAYS });
    const activity = store.activity();
    if (before === undefined || activity !== before + 1) return;
    const forgetAt = next.forgetAt ? Math.max(next.forgetAt.getTime(), this.lastForget + FORGET_EVERY_MS) : Infinity;
    this.quiet = { key, activity, until: Math.min(next.sendAt?.getTime() ?? Infinity, forgetAt) };
  }

  /** Sends soon (after a subscription request), without waiting for the minute. */
  kick(): void {
    setImmediate(() => void this.runOnce().catch((error) => this.log(`run failed: ${(error as Error).message}`)));
  }

  /** Runs the sender every `everyMs` inside this process. */
  start(everyMs = 60_000): void {
    if (this.timer) return;
    const tick = () => void this.runOnce().catch((error) => this.log(`run failed: ${(error as Error).message}`));
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    tick();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
    this.deps.mailer.close();
    await this.deps.store.close();
  }
}
