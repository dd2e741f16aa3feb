/** The store's public interface: what callers may ask of it, and the shapes of the answers. */
import type { AlertKind, AlertRow, AlertSnapshot, ConfirmPayload, Frequency, OutgoingMessage, Subject, SubscriberRow, SubscriptionRow } from './types';

export interface StoreOptions {
  /** postgres://… : a PostgreSQL server (several instances can share it). */
  databaseUrl?: string;
  /** Folder for the embedded PGlite database; 'memory://' keeps it in memory (tests). */
  dataDir?: string;
  /** How long the embedded database's process outlives its last use (a data folder only). */
  idleMs?: number;
  /** Connections to the server (pg only). */
  poolSize?: number;
  /**
   * Told when the server ends an idle connection (a restart, a failover, an administrator);
   * the pool opens a new one on the next query. Without a listener, node-postgres rethrows it
   * and the process dies.
   */
  onConnectionLost?: (error: Error) => void;
}

export interface Store {
  readonly driver: 'pglite' | 'postgresql';
  /** This install's random id (set when its database was first set up), for Message-IDs. */
  readonly installId: string;
  /**
   * This process is the database's only writer: the embedded database, whose folder is locked to
   * it. Then `nextWork` and `activity` let the sender know, without asking the database, that it
   * has nothing to do (lib/alerts/service.ts), and the database's process can stay stopped.
   */
  readonly soleWriter: boolean;
  /**
   * One more for every method called on this store; undefined while one is under way. Two equal
   * readings mean nothing used the store between them.
   */
  activity(): number | undefined;
  /**
   * The earliest moment at which `plan` or `sendOne` could find work (`sendAt`: an alert not yet
   * planned, a delivery whose digest falls due, a message or retry due, a lease or a domain's
   * backoff ending) and `forget` something to forget (`forgetAt`), as the database stands.
   * Undefined: never, unless something changes.
   */
  nextWork(policy: ForgetPolicy): Promise<{ sendAt?: Date; forgetAt?: Date }>;
  close(): Promise<void>;
  requestSubscription(input: RequestInput): Promise<RequestOutcome>;
  confirm(payload: ConfirmPayload, now: Date): Promise<{ subscriberId: number; subject: Subject } | undefined>;
  subscriber(id: number): Promise<(SubscriberRow & { subscriptions: SubscriptionRow[] }) | undefined>;
  updateSubscription(subscriberId: number, subscriptionId: number, choices: { frequency: Frequency; corrections: boolean; planned: boolean }): Promise<boolean>;
  endSubscriptions(subscriberId: number, subscriptionIds: number[] | 'all'): Promise<{ ended: number; addressDeleted: boolean }>;
  /** Undefined when another instance holds the planning lock (it will do the same work). */
  /**
   * Records the alerts not seen before. Each entry is a post (`key` ''), a correction (its key)
   * or, with `kind: 'planned'`, a planned key decision (`key` the agenda item's id).
   */
  syncAlerts(
    snapshots: Array<{ kind?: AlertKind; key: string; snapshot: AlertSnapshot }>,
    now: Date,
  ): Promise<{ added: number; baseline: boolean } | undefined>;
  plan(now: Date, planner: Planner): Promise<{ planned: number; deliveries: number; messages: number } | undefined>;
  /**
   * Claims the next message due (a short transaction), sends it with no connection held, and
   * records the answer (another short transaction). `clock` is read at the claim and at the
   * record, so a lease starts when its message is claimed, not when the run began.
   */
  sendOne(clock: () => Date, send: (message: OutgoingMessage) => Promise<SendOutcome>, policy: SendPolicy): Promise<SendResult>;
  forget(now: Date, policy: ForgetPolicy): Promise<{ subscribers: number; subscriptions: number; messages: number }>;
  stats(): Promise<StoreStats>;
  /** Confirmed subscriptions in bulk (moving from another service; the benchmark). */
  importConfirmed(rows: Array<{ email: string; subject: Subject; frequency: Frequency }>, now: Date): Promise<number>;
}

/** How long unconfirmed addresses and the delivery log are kept (lib/alerts/policy.ts). */
export interface ForgetPolicy {
  unconfirmedDays: number;
  logDays: number;
}

export interface StoreStats {
  subscribers: number;
  subscriptions: number;
  alerts: number;
  deliveries: number;
  messages: { pending: number; sent: number; failed: number };
  databaseBytes: number;
  /** Tables and their indexes, for the subscriber and subscription tables only. */
  subscriptionBytes: number;
}

export interface RequestInput {
  /** The address as stored (lib/alerts/limits.ts checkEmail). */
  email: string;
  /** The inbox it reaches and its domain, for the limits (lib/alerts/limits.ts canonicalMailbox). */
  mailbox: string;
  domain: string;
  subject: Subject;
  frequency: Frequency;
  corrections: boolean;
  /** Also the forward plan's key decisions (only for the subjects of FORWARD_PLAN_KINDS); no when absent. */
  planned?: boolean;
  now: Date;
  limits: ConfirmationLimits;
}

export interface ConfirmationLimits {
  /** Confirmation emails one mailbox may be sent in any hour, however its address is spelled. */
  perMailboxPerHour: number;
  /** Confirmation emails in the last hour to unconfirmed addresses at one domain. */
  perDomainInFlight: number;
  /** The same, all domains together. */
  inFlight: number;
}

export type RequestOutcome =
  /** queued: false when the mailbox has had its confirmation emails for the hour (said to nobody). */
  | { kind: 'recorded'; queued: boolean; subscriberId: number }
  /** Nothing recorded: too many confirmations are in flight to this domain, or to everyone. */
  | { kind: 'busy'; cap: 'domain' | 'site' };

/** What to do with one new alert: which subscriber gets it, through which subscription, when. */
export type Planner = (alert: AlertRow, subscriptions: SubscriptionRow[]) => Array<{ subscriberId: number; subscriptionId: number; dueAt: Date }>;

export interface SendPolicy {
  /**
   * How long a claim holds. Longer than the longest SMTP attempt (the mailer's timeouts and the
   * service's deadline), so while one sender is still talking SMTP no other takes its message;
   * short enough that a message whose sender died goes at the next run after it ends.
   */
  leaseMs: number;
  /** How long a domain is left alone after its n-th temporary failure in a row (n from 1). */
  domainBackoffMs: (failures: number) => number;
  /** Domains this run has seen fail: skipped for the rest of the run, whatever the clock says. */
  skipDomains?: ReadonlySet<string>;
}

/**
 * What became of one claim. `lost`: the answer came after the lease ended and another sender
 * had claimed the message again; nothing was recorded (that sender records its own answer).
 */
export type SendResult =
  { status: 'none' } | { status: 'dropped' | 'sent' | 'failed' | 'lost'; domain: string } | { status: 'retry'; domain: string; domainBackedOff: boolean };

export type SendOutcome =
  | { kind: 'sent' }
  /**
   * Try again later (SMTP down, 4xx). `backOffDomain`: the recipient's mail domain answered
   * "later", so its other messages wait too; not when our own SMTP server is unreachable.
   */
  | { kind: 'retry'; error: string; nextAttemptAt: Date; giveUp: boolean; backOffDomain: boolean }
  /** The address does not exist (5xx to RCPT TO): end its subscriptions. */
  | { kind: 'permanent'; error: string };
