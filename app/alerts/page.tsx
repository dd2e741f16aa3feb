import type { Metadata } from 'next';
import { AlertForm, type FollowOption } from '@/components/AlertForm';
import { topicName } from '@/lib/records/labels';
import { alertPaths } from '@/lib/alerts/paths';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;

export const metadata: Metadata = {
  title: 'Email alerts',
  description: 'Get an email when a decision is published: every decision, or one committee, project or topic.',
  alternates: { canonical: alertPaths.start() },
};

export default async function AlertsPage() {
  const records = await getSiteRecords();
  const options: FollowOption[] = [
    { value: 'all', label: 'Every decision' },
    ...[...records.committees.values()].map((c) => ({ value: `committee:${c.slug}`, label: c.name, group: 'A committee' })),
    ...[...records.projects.values()].map((p) => ({ value: `project:${p.slug}`, label: p.name, group: 'A project' })),
    ...[...records.indexes.byTag.keys()].sort().map((slug) => ({ value: `tag:${slug}`, label: topicName(slug, records.glossary), group: 'A topic' })),
  ];
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Email alerts</h1>
        <p className="govuk-body-l">Get an email when a decision is published: every decision, or those of one committee, project or topic.</p>
        <p className="govuk-body">
          You do not need an account. We send one email to check the address is yours; nothing is sent until you use the link in it. Every email has a link to
          change or stop your emails. You can also follow decisions in a feed reader: see{' '}
          <a className="govuk-link" href={paths.feeds()}>
            feeds
          </a>
          .
        </p>
        <AlertForm options={options} what="decisions" />
      </div>
    </div>
  );
}
