/**
 * Matching alerts to subscriptions, and when each frequency sends. Pure functions: the store
 * asks them, the unit tests check them.
 */
import { londonWallClockToInstant } from '../dates';
import type { AlertRow, AlertSnapshot, Frequency, Subject, SubscriptionRow } from './types';

/** GOV.UK sends digests at 08:30 London time; weekly ones on Saturdays. */
export const DIGEST_HOUR = 8;
export const DIGEST_MINUTE = 30;
/** 6 = Saturday (Date.getUTCDay numbering). */
export const WEEKLY_DAY = 6;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The London calendar date of an instant as [year, month, day]. */
function londonDate(instant: Date): [number, number, number] {
  const parts = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

/** The first 08:30 London (on a Saturday, for weekly) at or after `from`; `from` itself for immediate. */
export function dueAt(frequency: Frequency, from: Date): Date {
  if (frequency === 'immediate') return from;
  const [year, month, day] = londonDate(from);
  for (let offset = 0; offset < 8; offset++) {
    // Date.UTC normalises day overflow (31 + 1 → next month), and the weekday of a calendar
    // date is the same everywhere.
    const calendar = new Date(Date.UTC(year, month - 1, day + offset));
    if (frequency === 'weekly' && calendar.getUTCDay() !== WEEKLY_DAY) continue;
    const at = londonWallClockToInstant(calendar.getUTCFullYear(), calendar.getUTCMonth() + 1, calendar.getUTCDate(), DIGEST_HOUR, DIGEST_MINUTE);
    if (at.getTime() >= from.getTime()) return at;
  }
  throw new Error('unreachable: a digest time exists within 8 days');
}

export function subjectMatches(subject: Subject, alert: AlertSnapshot): boolean {
  switch (subject.kind) {
    case 'all':
      return true;
    case 'committee':
      return alert.committee.slug === subject.slug;
    case 'project':
      return alert.projects.includes(subject.slug);
    case 'tag':
      return alert.tags.includes(subject.slug);
  }
}

const speed: Record<Frequency, number> = { immediate: 0, daily: 1, weekly: 2 };

/**
 * Who gets one alert, through which subscription, when. A subscriber whose subscriptions match
 * more than once gets it once, at the most frequent of them. Corrections, and key decisions
 * first seen in the forward plan, go only to subscriptions that asked for them. A subscription confirmed after the post was first seen
 * does not get it (it is not news to them: they subscribed after it was published, or after it
 * was in the forward plan).
 */
export function planAlert(alert: AlertRow, subscriptions: readonly SubscriptionRow[]): Array<{ subscriberId: number; subscriptionId: number; dueAt: Date }> {
  const best = new Map<number, SubscriptionRow>();
  for (const s of subscriptions) {
    if (!s.confirmedAt || s.confirmedAt.getTime() > alert.seenAt.getTime()) continue;
    if (alert.isCorrection && !s.corrections) continue;
    if (alert.isPlanned && !s.planned) continue;
    if (!subjectMatches(s, alert.snapshot)) continue;
    const current = best.get(s.subscriberId);
    if (!current || speed[s.frequency] < speed[current.frequency]) best.set(s.subscriberId, s);
  }
  return [...best.values()].map((s) => ({ subscriberId: s.subscriberId, subscriptionId: s.id, dueAt: dueAt(s.frequency, alert.seenAt) }));
}
