import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { BusinessCaseLink } from '@/components/BusinessCaseLink';
import { AlertForm } from '@/components/AlertForm';
import { FollowFeeds } from '@/components/FollowFeeds';
import { JsonLd } from '@/components/JsonLd';
import { ProjectTimeline } from '@/components/ProjectTimeline';
import { ProjectStages } from '@/components/ProjectStages';
import { projectStages } from '@/lib/records/project-stages';
import { Prose } from '@/components/Prose';
import { projectStatusLabels } from '@/lib/records/labels';
import { findProject } from '@/lib/records/lookups';
import { bodyHtml, getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;
// Every record is known at build (generateStaticParams): Next.js answers any other slug with 404 itself.
export const dynamicParams = false;

/** A page stays small however long a project runs; search lists the rest. */
const TIMELINE_LIMIT = 50;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.projects.keys()].map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<'/projects/[slug]'>): Promise<Metadata> {
  const found = await findProject((await params).slug);
  if (!found) return { title: 'Page not found' };
  const { value: project } = found;
  const base = paths.project(project.slug);
  const title = project.shortName ? `${project.name} (${project.shortName})` : project.name;
  return {
    title,
    description: project.summary,
    openGraph: openGraphFor(found.records.site, { title, description: project.summary, path: base }),
    alternates: alternatesFor(base, { basePath: base, name: project.name }),
  };
}

export default async function ProjectPage({ params }: PageProps<'/projects/[slug]'>) {
  const found = await findProject((await params).slug);
  if (!found) notFound();
  const { records, value: project } = found;
  const timeline = records.indexes.byProject.get(project.slug) ?? [];
  return (
    <>
      <Breadcrumbs items={[{ href: paths.projects(), label: 'Projects' }]} />
      <JsonLd
        data={breadcrumbJsonLd(records.site, [{ href: paths.projects(), label: 'Projects' }], { href: paths.project(project.slug), label: project.name })}
      />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">{project.programme} project</span>
        {project.name}
        {project.shortName ? ` (${project.shortName})` : ''}
      </h1>
      <p className="govuk-body-l">{project.summary}</p>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <strong className="govuk-tag govuk-tag--blue">{projectStatusLabels[project.status]}</strong>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Business case</dt>
          <dd className="govuk-summary-list__value">
            <BusinessCaseLink project={project} committeeSite={records.site.committeeSite} />
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Programme</dt>
          <dd className="govuk-summary-list__value">{project.programme}</dd>
        </div>
      </dl>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m" id="stages-heading">
            Where the project stands
          </h2>
          <ProjectStages steps={projectStages(project, timeline)} glossary={new Set(records.glossary.keys())} />
          <h2 className="govuk-heading-m">About the project</h2>
          <Prose html={bodyHtml(records, project.body)} />
          <h2 className="govuk-heading-m">Timeline of decisions</h2>
          <ProjectTimeline entries={timeline.slice(-TIMELINE_LIMIT)} />
          {timeline.length > TIMELINE_LIMIT && (
            <p className="govuk-body">
              Showing the latest {TIMELINE_LIMIT} of {timeline.length} decisions.{' '}
              <a className="govuk-link" href={`${paths.search()}?project=${project.slug}`}>
                Find every decision about {project.shortName ?? project.name}
              </a>
            </p>
          )}
        </div>
        <div className="govuk-grid-column-one-third">
          <FollowFeeds basePath={paths.project(project.slug)} baseUrl={records.site.baseUrl} what={`the ${project.shortName ?? project.name} project`} />
          <AlertForm follow={`project:${project.slug}`} what={`the ${project.shortName ?? project.name} project`} />
        </div>
      </div>
    </>
  );
}
