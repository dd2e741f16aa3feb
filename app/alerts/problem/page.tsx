import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { AlertErrorSummary, AlertForm, type FollowOption } from '@/components/AlertForm';
import { topicName } from '@/lib/records/labels';
import { describeSubject, formErrorsFrom, parseFollow } from '@/lib/alerts/service';
import { getSiteRecords } from '@/lib/site';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Error: email alerts', robots: { index: false } };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The form again, with GOV.UK's error summary and each message beside its field. */
export default async function AlertProblemPage({ searchParams }: PageProps<'/alerts/problem'>) {
  const query = await searchParams;
  const errors = formErrorsFrom(query.e);
  const email = (await cookies()).get('alerts_email')?.value ?? '';
  const records = await getSiteRecords();
  const follow = one(query.follow);
  const subject = parseFollow(follow);
  const known =
    subject &&
    (subject.kind === 'all' ||
      (subject.kind === 'committee' && records.committees.has(subject.slug)) ||
      (subject.kind === 'project' && records.projects.has(subject.slug)) ||
      (subject.kind === 'tag' && records.indexes.byTag.has(subject.slug)));
  const options: FollowOption[] = [
    { value: 'all', label: 'Every decision' },
    ...[...records.committees.values()].map((c) => ({ value: `committee:${c.slug}`, label: c.name, group: 'A committee' })),
    ...[...records.projects.values()].map((p) => ({ value: `project:${p.slug}`, label: p.name, group: 'A project' })),
    ...[...records.indexes.byTag.keys()].sort().map((slug) => ({ value: `tag:${slug}`, label: topicName(slug, records.glossary), group: 'A topic' })),
  ];
  const values = {
    email,
    follow: known ? follow : undefined,
    frequency: one(query.frequency),
    corrections: one(query.corrections) === 'yes',
    planned: one(query.planned) === 'yes',
  };
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <AlertErrorSummary errors={errors} />
        <h1 className="govuk-heading-xl">Email alerts</h1>
        {known && subject && <p className="govuk-body">You asked for emails about {describeSubject(records, subject)}.</p>}
        <AlertForm options={options} values={values} errors={errors} what="decisions" />
      </div>
    </div>
  );
}
