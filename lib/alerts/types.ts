/** The words of the alerts domain, shared by the store, the sender and the routes. */

export const FREQUENCIES = ['immediate', 'daily', 'weekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const SUBJECT_KINDS = ['all', 'committee', 'project', 'tag'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** What a subscription follows: everything, or one committee, project or topic (by slug). */
export interface Subject {
  kind: SubjectKind;
  /** '' for everything. */
  slug: string;
}

/** The public facts of one post (or correction) that an email needs, frozen when first seen. */
export interface AlertSnapshot {
  slug: string;
  title: string;
  summary: string;
  /** ISO instant of publication. */
  published: string;
  committee: { slug: string; name: string };
  /**
   * Who decided, by kind, as the decision page says it ("Decided by the Director of Commercial
   * Services, an officer acting under delegated powers"). Absent in alerts stored before it was added.
   */
  decidedBy?: string;
  projects: string[];
  tags: string[];
  items: Array<{ subject: string; outcome: string }>;
  /** Path on the site, e.g. /decisions/2011-06-30-… */
  path: string;
  /** Present for a correction alert. */
  correction?: { date: string; note: string };
}

export interface SubscriptionRow {
  id: number;
  subscriberId: number;
  kind: SubjectKind;
  slug: string;
  frequency: Frequency;
  corrections: boolean;
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
}

export interface AlertRow {
  id: number;
  snapshot: AlertSnapshot;
  seenAt: Date;
  isCorrection: boolean;
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
