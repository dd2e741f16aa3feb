/**
 * The forward plan's key decisions as alerts: one per agenda item marked `keyDecision: true` of
 * a meeting still to come, named by its meeting and its permanent id, so that the store's
 * (kind, slug, key) uniqueness sends each planned key decision once, however often its meeting
 * file is edited afterwards. This is snapshots.ts's design (a post is news once, frozen as first
 * seen) applied to the forward plan.
 */
import type { Committee, Project } from '../content/types';
import { formatCalendarDate, londonWallClockToInstant } from '../dates';
import { isUpcoming, type Meeting } from '../meetings/derive';
import { paths } from '../urls';
import type { AlertSnapshot } from './types';

/** The alert entries of the planned key decisions: `key` is the agenda item's id, `snapshot.slug` its meeting's slug. */
export function plannedSnapshotsFor(
  meetings: readonly Meeting[],
  committees: ReadonlyMap<string, Committee>,
  projects: ReadonlyMap<string, Project>,
  today: string,
): Array<{ kind: 'planned'; key: string; snapshot: AlertSnapshot }> {
  const out: Array<{ kind: 'planned'; key: string; snapshot: AlertSnapshot }> = [];
  for (const meeting of meetings) {
    // The forward plan is what is still to come; a cancelled meeting takes no decision.
    if (meeting.cancelled || !isUpcoming(meeting, today)) continue;
    const committeeName = committees.get(meeting.committee)?.name ?? meeting.committee;
    const [year, month, day] = meeting.date.split('-').map(Number) as [number, number, number];
    const [hour, minute] = (meeting.time ?? '00:00').split(':').map(Number) as [number, number];
    const starts = londonWallClockToInstant(year, month, day, hour, minute).toISOString();
    for (const item of meeting.agenda) {
      if (item.keyDecision !== true) continue;
      const project = item.project ? projects.get(item.project) : undefined;
      out.push({
        kind: 'planned',
        key: item.id,
        snapshot: {
          slug: meeting.slug,
          title: item.title,
          summary: `The ${committeeName} plans to take this key decision at its meeting on ${formatCalendarDate(meeting.date, true)}.`,
          published: starts,
          committee: { slug: meeting.committee, name: committeeName },
          projects: item.project ? [item.project] : [],
          tags: [],
          items: [],
          path: paths.agendaItem(meeting.slug, item.id),
          planned: {
            meeting: meeting.slug,
            date: meeting.date,
            ...(meeting.time ? { time: meeting.time } : {}),
            item: item.id,
            ...(item.noticeDate ? { noticeDate: item.noticeDate } : {}),
            ...(project ? { project: project.name } : {}),
          },
        },
      });
    }
  }
  return out;
}
