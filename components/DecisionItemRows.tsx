import type { DecisionItem, Document, Project } from '@/lib/content/types';
import { stageLabels } from '@/lib/records/labels';
import { paths } from '@/lib/urls';
import { OutcomeExplained } from './OutcomeTag';

/** A project's name (and short name) linked to its page. */
export function ProjectLink({ project }: { project: Project }) {
  return (
    <a className="govuk-link" href={paths.project(project.slug)}>
      {project.name}
      {project.shortName ? ` (${project.shortName})` : ''}
    </a>
  );
}

/**
 * The rows every view of a decision item starts with, inside its GOV.UK summary list: what the
 * body did, the stage, and the project (where there is one). A decision page and a meeting page
 * add their own rows after these.
 */
export function DecisionItemRows({ item, project }: { item: DecisionItem; project: Project | undefined }) {
  return (
    <>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Outcome</dt>
        <dd className="govuk-summary-list__value">
          <OutcomeExplained outcome={item.outcome} />
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Stage</dt>
        <dd className="govuk-summary-list__value">{stageLabels[item.stage]}</dd>
      </div>
      {project && (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Project</dt>
          <dd className="govuk-summary-list__value">
            <ProjectLink project={project} />
          </dd>
        </div>
      )}
    </>
  );
}

/** An item's papers, each linked to the council's copy. */
export function PaperLinks({ documents, className = 'govuk-list' }: { documents: Document[]; className?: string }) {
  return (
    <ul className={className}>
      {documents.map((doc) => (
        <li key={doc.url}>
          <a className="govuk-link" href={doc.url} rel="noopener noreferrer">
            {doc.title}
          </a>
        </li>
      ))}
    </ul>
  );
}
