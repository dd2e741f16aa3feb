import type { Project } from '../content/types';
import type { ProjectTimelineEntry } from './indexes';
import { londonIsoDate } from '../dates';

/**
 * Where a project stands on the path every One Barnet project follows: options appraisal →
 * business case → procurement → contract award → in delivery. Each stage is done, current or
 * to come (a closed project marks the stages it never reached as not reached); a stage a post
 * reports carries that post's date and item.
 */
export const STAGE_PATH = ['options-appraisal', 'business-case', 'procurement', 'contract-award', 'in-delivery'] as const;
export type PathStage = (typeof STAGE_PATH)[number];

export const pathStageLabels: Record<PathStage, string> = {
  'options-appraisal': 'Options appraisal',
  'business-case': 'Business case',
  procurement: 'Procurement',
  'contract-award': 'Contract award',
  'in-delivery': 'In delivery',
};

export type StageState = 'done' | 'current' | 'to-come' | 'not-reached';

export interface StageStep {
  stage: PathStage;
  label: string;
  /** The glossary term that explains the stage (its slug is the stage's name). */
  glossary: string;
  state: StageState;
  /** The latest decision item at this stage, where a post reports one, with its London date. */
  decided?: ProjectTimelineEntry & { date: string };
}

export function projectStages(project: Pick<Project, 'status'>, timeline: readonly ProjectTimelineEntry[]): StageStep[] {
  const latest = new Map<PathStage, ProjectTimelineEntry>();
  // Oldest first, so the last one kept is the latest.
  for (const entry of timeline) if ((STAGE_PATH as readonly string[]).includes(entry.item.stage)) latest.set(entry.item.stage as PathStage, entry);
  const current = project.status === 'closed' ? -1 : STAGE_PATH.indexOf(project.status);
  // A closed project reached every stage up to the last one a post reports.
  const reached = project.status === 'closed' ? Math.max(-1, ...[...latest.keys()].map((s) => STAGE_PATH.indexOf(s))) : current;
  return STAGE_PATH.map((stage, index) => {
    const entry = latest.get(stage);
    const state: StageState =
      project.status === 'closed' ? (index <= reached ? 'done' : 'not-reached') : index < current ? 'done' : index === current ? 'current' : 'to-come';
    return {
      stage,
      label: pathStageLabels[stage],
      glossary: stage,
      state,
      ...(entry ? { decided: { ...entry, date: entry.decision.meeting ?? londonIsoDate(entry.decision.published) } } : {}),
    };
  });
}
