import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { ChangesLinks } from '@/components/ChangesLinks';
import { FeedList } from '@/components/FeedList';
import { FilterVocabulary, vocabularyExamples } from '@/components/FilterVocabulary';
import { feedCatalogue } from '@/lib/feeds/site-feeds';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;

export const metadata: Metadata = {
  title: 'Feeds',
  description: 'Follow new council decisions in a feed reader: one feed for every decision, and one for each committee, project and topic.',
  alternates: alternatesFor('/feeds'),
};

export default async function FeedsPage() {
  const records = await getSiteRecords();
  const { site } = records;
  const feeds = feedCatalogue(records);
  const group = (kind: string) => feeds.filter((f) => f.kind === kind);
  const limit = site.feedEntryLimit;
  return (
    <>
      <h1 className="govuk-heading-xl">Feeds</h1>
      <p className="govuk-body-l">Hear about new decisions as soon as they are published, without having to check this site.</p>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">What a feed is</h2>
          <p className="govuk-body">
            A feed is a list of the latest posts on a website, written so that apps can read it. A <strong>feed reader</strong> is an app or website that checks
            the feeds you choose, every so often, and shows you anything new in one place, like an inbox. Some email programs can read feeds too.
          </p>
          <p className="govuk-body">To follow decisions in a feed reader:</p>
          <ol className="govuk-list govuk-list--number">
            <li>choose a feed below: everything, or only one committee, project or topic</li>
            <li>copy its address (for example, right-click it and choose “Copy link”)</li>
            <li>paste the address into your feed reader where it asks you to add or subscribe to a feed</li>
          </ol>
          <p className="govuk-body">
            Each feed has the newest {limit} posts, with the full text of each, the committee, the projects, and what was decided. When a post is corrected, its
            date of update changes, so your reader can show it again.
          </p>
          <h2 className="govuk-heading-m">Which address to use</h2>
          <p className="govuk-body">
            Every feed comes in three formats that hold the same decisions: RSS, Atom and JSON Feed. Most feed readers understand all three. If you are not
            sure, use RSS.
          </p>
          <p className="govuk-body">
            To work with every decision at once, in a spreadsheet or your own software, use the{' '}
            <a className="govuk-link" href={paths.data()}>
              open data
            </a>{' '}
            downloads instead.
          </p>
        </div>
      </div>

      <h2 className="govuk-heading-l">All decisions</h2>
      <FeedList feeds={group('site')} baseUrl={site.baseUrl} />

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ChangesLinks headingId="changes" level="l" />
        </div>
      </div>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-l" id="views">
            A feed of any search
          </h2>
          <FilterVocabulary examples={vocabularyExamples(records)} baseUrl={site.baseUrl} />
        </div>
      </div>

      <h2 className="govuk-heading-l" id="committees">
        Decision makers
      </h2>
      <p className="govuk-body">Decisions taken by one council body: a committee, the Cabinet, a cabinet member or an officer.</p>
      <FeedList feeds={group('committee')} baseUrl={site.baseUrl} />

      <h2 className="govuk-heading-l" id="projects">
        Projects
      </h2>
      <p className="govuk-body">Decisions about one programme project, from options appraisal to contract.</p>
      <FeedList feeds={group('project')} baseUrl={site.baseUrl} />

      <h2 className="govuk-heading-l" id="topics">
        Topics
      </h2>
      <p className="govuk-body">Decisions with one topic. A topic appears here once a published post has it.</p>
      {group('tag').length > 0 ? <FeedList feeds={group('tag')} baseUrl={site.baseUrl} /> : <p className="govuk-body">No topics yet.</p>}
    </>
  );
}
