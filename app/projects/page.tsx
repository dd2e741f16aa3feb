import type { Metadata } from 'next';
import { BusinessCaseLink } from '@/components/BusinessCaseLink';
import { projectStatusLabels } from '@/lib/records/labels';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;
export function generateMetadata(): Promise<Metadata> {
  return pageMetadata({
    title: 'Projects',
    description: 'The One Barnet programme projects, where each stands, and their business cases.',
    path: paths.projects(),
  });
}

export default async function ProjectsPage() {
  const records = await getSiteRecords();
  const projects = [...records.projects.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <h1 className="govuk-heading-xl">Projects</h1>
      <p className="govuk-body-l">Where each project of the programme stands, and its business case.</p>
      {/* Too wide for a phone: it scrolls inside its own region, which keyboard users can focus. */}
      <div className="table-scroll" role="region" aria-labelledby="projects-table-caption" tabIndex={0}>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden" id="projects-table-caption">
            Projects and their status
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Project
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Business case
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {projects.map((project) => (
              <tr className="govuk-table__row" key={project.slug}>
                <th scope="row" className="govuk-table__header">
                  <a className="govuk-link" href={paths.project(project.slug)}>
                    {project.name}
                    {project.shortName ? ` (${project.shortName})` : ''}
                  </a>
                  <p className="govuk-body-s govuk-!-font-weight-regular govuk-!-margin-top-1 govuk-!-margin-bottom-0">{project.summary}</p>
                </th>
                <td className="govuk-table__cell">
                  <strong className="govuk-tag govuk-tag--blue">{projectStatusLabels[project.status]}</strong>
                </td>
                <td className="govuk-table__cell govuk-body-s">
                  <BusinessCaseLink project={project} committeeSite={records.site.committeeSite} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
