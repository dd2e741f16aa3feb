/** The alerts the visible content implies: one per post, one per correction. */
import { createHash } from 'node:crypto';
import type { Committee, Decision } from '../content/types';
import { moneyLine } from '../records/decision-record';
import { decidedBy } from '../records/makers';
import { paths } from '../urls';
import type { AlertSnapshot } from './types';

/** A correction's permanent key: its date and its note (so an edited note is a new correction). */
export function correctionKey(date: Date, note: string): string {
  return `${date.toISOString().slice(0, 10)}:${createHash('sha256').update(note).digest('hex').slice(0, 16)}`;
}

export function snapshotsFor(decisions: readonly Decision[], committees: ReadonlyMap<string, Committee>): Array<{ key: string; snapshot: AlertSnapshot }> {
  const out: Array<{ key: string; snapshot: AlertSnapshot }> = [];
  for (const d of decisions) {
    const body = committees.get(d.committee);
    const base: AlertSnapshot = {
      slug: d.slug,
      title: d.title,
      summary: d.summary,
      published: d.published.toISOString(),
      committee: { slug: d.committee, name: committees.get(d.committee)?.name ?? d.committee },
      ...(body ? { decidedBy: `${decidedBy(body, d.meeting)}.` } : {}),
      projects: [...new Set(d.items.flatMap((i) => (i.project ? [i.project] : [])))],
      tags: [...d.tags],
      items: d.items.map((i) => {
        const money = moneyLine(i);
        return money ? { subject: i.subject, outcome: i.outcome, money } : { subject: i.subject, outcome: i.outcome };
      }),
      path: paths.decision(d.slug),
    };
    out.push({ key: '', snapshot: base });
    for (const u of d.updates) {
      out.push({ key: correctionKey(u.date, u.note), snapshot: { ...base, correction: { date: u.date.toISOString(), note: u.note } } });
    }
  }
  return out;
}
