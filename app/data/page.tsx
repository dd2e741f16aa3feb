import { ChangesLinks } from '@/components/ChangesLinks';
import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { Fragment } from 'react';
import styles from '@/components/feeds-and-data.module.scss';
import { DateText } from '@/components/DateText';
import { FilterVocabulary, vocabularyExamples } from '@/components/FilterVocabulary';
import { CSV_FILENAME, DATA_FIELDS, dataPaths, decisionRecords, decisionsJsonSchema } from '@/lib/data/export';
import { API_PAGE_PATH, OPENAPI_PATH } from '@/lib/data/openapi';
import { DATABASE_FILENAME, DATABASE_PATH } from '@/lib/data/sqlite';
import { DATASETTE_EXAMPLE_SQL, datasetteLiteUrl } from '@/lib/data/sqlite/datasette';
import { getSiteRecords } from '@/lib/site';
import { absoluteUrl, paths } from '@/lib/urls';
import { filterSuffix, KEY_DECISIONS } from '@/lib/filters/vocabulary';

export const revalidate = 300;

export const metadata: Metadata = {
  title: 'Open data',
  description:
    'Every published council decision as open data: a CSV file for spreadsheets and a JSON file with its JSON Schema, under the Open Government Licence.',
  alternates: alternatesFor('/data'),
};

export default async function DataPage() {
  const records = await getSiteRecords();
  const { site } = records;
  const rows = decisionRecords(records);
  const posts = records.indexes.all.length;
  const schema = JSON.stringify(decisionsJsonSchema(site), null, 2);
  return (
    <>
      <h1 className="govuk-heading-xl">Open data</h1>
      <p className="govuk-body-l">Every published decision, one record each, to use in a spreadsheet or your own software without asking anyone.</p>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Download</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <a className="govuk-link" href={dataPaths.csv} download={CSV_FILENAME}>
                Decisions as CSV
              </a>{' '}
              – opens in Excel, LibreOffice Calc, Numbers or Google Sheets
            </li>
            <li>
              <a className="govuk-link" href={dataPaths.json}>
                Decisions as JSON
              </a>{' '}
              – for software
            </li>
            <li>
              <a className="govuk-link" href={dataPaths.schema}>
                JSON Schema of the JSON file
              </a>
            </li>
            <li>
              <a className="govuk-link" href={DATABASE_PATH} download={DATABASE_FILENAME}>
                The whole record as a SQLite database
              </a>{' '}
              – posts, decisions, committees, projects, meetings and papers in linked tables, with full-text search (see{' '}
              <a className="govuk-link" href="#sqlite">
                using the database
              </a>
              )
            </li>
            <li>
              <a className="govuk-link" href={API_PAGE_PATH}>
                API reference
              </a>{' '}
              – every feed and data address, what it takes and what it answers, also as an{' '}
              <a className="govuk-link" href={OPENAPI_PATH}>
                OpenAPI 3.1 file
              </a>
            </li>
            <li>
              <a className="govuk-link" href={`${dataPaths.csv}${filterSuffix(KEY_DECISIONS)}`}>
                Key decisions only, as CSV
              </a>{' '}
              (or{' '}
              <a className="govuk-link" href={`${paths.search()}${filterSuffix(KEY_DECISIONS)}`}>
                on the search page
              </a>
              )
            </li>
          </ul>
          <p className="govuk-body">
            The files hold {rows.length} {rows.length === 1 ? 'decision' : 'decisions'} from {posts} {posts === 1 ? 'post' : 'posts'}
            {posts > 0 && (
              <>
                , and last changed on <DateText date={records.indexes.lastModified} />
              </>
            )}
            . They change as soon as a post is published or corrected. Drafts and posts scheduled for later are never in them.
          </p>
          <p className="govuk-body">
            Their addresses do not change: <code className={styles.address}>{absoluteUrl(site.baseUrl, dataPaths.csv)}</code> and{' '}
            <code className={styles.address}>{absoluteUrl(site.baseUrl, dataPaths.json)}</code>. To hear about new decisions as they happen, use a{' '}
            <a className="govuk-link" href={paths.feeds()}>
              feed
            </a>
            .
          </p>

          <h2 className="govuk-heading-m" id="views">
            Only the decisions you want
          </h2>
          <FilterVocabulary examples={vocabularyExamples(records)} baseUrl={site.baseUrl} />
          <p className="govuk-body">
            Other sites’ pages and notebooks may read the files (and the feeds) directly: they are sent with <code>Access-Control-Allow-Origin: *</code>.
          </p>

          <ChangesLinks headingId="changes" />

          <h2 className="govuk-heading-m">Licence</h2>
          <p className="govuk-body">
            You may copy, publish, adapt and use the data, including commercially, under the{' '}
            <a className="govuk-link" href={site.licence.url} rel="license noopener noreferrer">
              {site.licence.name}
            </a>
            . Say where it came from, for example: “Contains public sector information licensed under the {site.licence.name}. Source: {site.councilName},{' '}
            {absoluteUrl(site.baseUrl, paths.data())}.”
          </p>

          <h2 className="govuk-heading-m">One record for each decision</h2>
          <p className="govuk-body">
            A post can report several decisions taken at one meeting. The data has one record, or row, for each decision, so a post with three decisions gives
            three rows. They share the post’s details (its address, title, committee, meeting, dates and corrections); <code>id</code>, the post’s permanent
            name and the decision’s own, identifies a decision for good.
          </p>
        </div>
      </div>

      <h2 className="govuk-heading-l" id="fields">
        Fields
      </h2>
      <p className="govuk-body">The CSV’s columns and the JSON’s keys have the same names, in the same order.</p>
      <table className={`govuk-table ${styles.fields}`}>
        <caption className="govuk-table__caption govuk-visually-hidden">The fields of each decision record</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Field
            </th>
            <th scope="col" className="govuk-table__header">
              What it holds
            </th>
            <th scope="col" className="govuk-table__header">
              How it is written
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {DATA_FIELDS.map((field) => (
            <tr className="govuk-table__row" key={field.name} id={`field-${field.name}`}>
              <th scope="row" className="govuk-table__header">
                <code>
                  {field.name.split('_').map((part, i) => (
                    <Fragment key={part}>
                      {i > 0 && (
                        <>
                          _<wbr />
                        </>
                      )}
                      {part}
                    </Fragment>
                  ))}
                </code>
              </th>
              <td className="govuk-table__cell">
                {field.description}
                {field.example ? (
                  <span className="govuk-!-display-block govuk-!-margin-top-1">
                    For example: <code className={styles.address}>{field.example.replace('{baseUrl}', site.baseUrl.replace(/\/$/, ''))}</code>
                  </span>
                ) : null}
              </td>
              <td className="govuk-table__cell" data-label="How it is written">
                {field.type}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Opening the CSV in a spreadsheet</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              The file is UTF-8 with a byte-order mark, a hidden mark at the start that tells Excel the text is UTF-8; without it, Excel would garble “£” and
              letters outside English.
            </li>
            <li>It follows RFC 4180: a header row, commas between cells, and quotes around any cell that holds a comma, a quote or a line break.</li>
            <li>
              A cell that starts with <code>=</code>, <code>+</code>, <code>-</code> or <code>@</code> gets an apostrophe in front, so that a spreadsheet shows
              it as text and never runs it as a formula. The JSON file keeps the text exactly as published.
            </li>
            <li>
              Dates and times are London time in ISO 8601 with the offset from UTC, for example <code>2011-06-30T00:00:00+01:00</code> for midnight on 30 June
              2011 (British Summer Time). The first ten characters are always the London date, and every spreadsheet can sort them.
            </li>
          </ul>

          <h2 className="govuk-heading-m" id="sqlite">
            Using the database
          </h2>
          <p className="govuk-body">
            <code className={styles.address}>{absoluteUrl(site.baseUrl, DATABASE_PATH)}</code> is one SQLite file with every published decision. Its tables are
            linked: <code>items</code> (one row per decision, the same fields as the CSV) belong to <code>posts</code>, posts to <code>bodies</code> (the
            decision makers) and <code>meetings</code>, items to <code>projects</code>, and <code>documents</code> to items. The view <code>decisions</code>{' '}
            joins them; <code>posts_fts</code> searches the words of every post. Drafts and scheduled posts are never in it.
          </p>
          <p className="govuk-body">
            To explore it in your browser, with nothing to install, open it in{' '}
            <a className="govuk-link" href={datasetteLiteUrl(absoluteUrl(site.baseUrl, DATABASE_PATH))} rel="noopener noreferrer">
              Datasette Lite
            </a>
            . On your own computer, with{' '}
            <a className="govuk-link" href="https://datasette.io/" rel="noopener noreferrer">
              Datasette
            </a>{' '}
            installed, download the file and run <code>datasette {DATABASE_FILENAME}</code>; the <code>sqlite3</code> program and every programming language
            open it too.
          </p>
          <p className="govuk-body">For example, the business cases each committee approved, newest first:</p>
          <pre className={styles.schema} tabIndex={0} role="region" aria-label="Example SQL query">
            <code>{DATASETTE_EXAMPLE_SQL}</code>
          </pre>

          <h2 className="govuk-heading-m" id="schema">
            JSON Schema
          </h2>
          <p className="govuk-body">
            The JSON file is described by a{' '}
            <a className="govuk-link" href={dataPaths.schema}>
              JSON Schema (draft 2020-12)
            </a>
            , which software can use to check the file and editors to autocomplete it. It is at{' '}
            <code className={styles.address}>{absoluteUrl(site.baseUrl, dataPaths.schema)}</code>.
          </p>
        </div>
      </div>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Show the JSON Schema</span>
        </summary>
        <div className="govuk-details__text">
          <pre className={styles.schema} tabIndex={0} role="region" aria-label="JSON Schema of decisions.json">
            <code>{schema}</code>
          </pre>
        </div>
      </details>
    </>
  );
}
