/** The words of the alerts domain, shared by the store, the sender and the routes. */

export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const SUBJECT_KINDS = ['all', 'committee', 'project', 'tag'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * The subjects that may also follow the forward plan's key decisions: an agenda item has a
 * committee (its meeting's) and may have a project, but no topics.
 */
export const FORWARD_PLAN_KINDS: readonly SubjectKind[] = ['all', 'committee', 'project'];

/** What a subscription follows: everything, or one committee, project or topic (by slug). */
export interface Subject {
  kind: SubjectKind;
  /** '' for everything. */
  slug: string;
}

/**
 * The public facts of one post (or correction, or planned key decision) that an email needs,
 * frozen when first seen.
 */
export interface AlertSnapshot {
  /** The post's slug; for a planned key decision, its meeting's. */
  slug: string;
  /** The post's title; for a planned key decision, its agenda item's. */
  title: string;
  summary: string;
  /** ISO instant of publication; for a planned key decision, when its meeting starts (its day's start where no time is given). */
  published: string;
  committee: { slug: string; name: string };
  /**
   * Who decided, by kind, as the decision page says it ("Decided by the Director of Commercial
   * Services, an officer acting under delegated powers"). Absent in alerts stored before it was added.
   */
  decidedBy?: string;
  projects: string[];
  tags: string[];
  /** Each item's subject and outcome, and its money and supplier in a line where the post gives them (absent in older snapshots). */
  items: Array<{ subject: string; outcome: string; money?: string }>;
  /** Path on the site, e.g. /decisions/2011-06-30-… */
  path: string;
  /** Present for a correction alert. */
  correction?: { date: string; note: string };
  /** Present for a key decision first seen in the forward plan (lib/alerts/planned.ts). */
  planned?: PlannedFacts;
}

/** A planned key decision: the agenda item of a meeting still to come that is marked `keyDecision: true`. */
export interface PlannedFacts {
  /** The meeting's slug. */
  meeting: string;
  /** The meeting's London day, `YYYY-MM-DD`, and start time `HH:MM` where known. */
  date: string;
  time?: string;
  /** The agenda item's permanent id. */
  item: string;
  /** When it was first published in the forward plan, `YYYY-MM-DD`, where the meeting file says. */
  noticeDate?: string;
  /** The name of its project, where it has one. */
  project?: string;
}

/** What an alert is about: a post (or its correction), or a key decision first seen in the forward plan. */
export const ALERT_KINDS = ['decision', 'planned'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface SubscriptionRow {
  id: number;
  subscriberId: number;
  kind: SubjectKind;
  slug: string;
  frequency: Frequency;
  corrections: boolean;
  /** Also emails when a key decision is first added to the forward plan (not for topics). */
  planned: boolean;
  confirmedAt: Date | null;
}

export interface SubscriberRow {
  id: number;
  email: string;
  createdAt: Date;
  confirmedAt: Date | null;
}

export interface ConfirmPayload {
  subscriptionId: number;
  frequency: Frequency;
  corrections: boolean;
  /** Absent in confirmations queued before the forward plan's alerts: no. */
  planned?: boolean;
}

export interface AlertRow {
  id: number;
  snapshot: AlertSnapshot;
  seenAt: Date;
  isCorrection: boolean;
  /** A key decision first seen in the forward plan: only for subscriptions that asked for them. */
  isPlanned: boolean;
}

/** One email waiting to be sent, with everything needed to write it. */
export type OutgoingMessage =
  | { id: number; kind: 'confirm'; attempts: number; email: string; subscriberId: number; payload: ConfirmPayload; subject: Subject | undefined }
  | {
      id: number;
      kind: 'alert' | 'digest';
      attempts: number;
      email: string;
      subscriberId: number;
      frequency: Frequency;
      alerts: AlertSnapshot[];
      subscriptionIds: number[];
    };
