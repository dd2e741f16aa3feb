import type { Metadata } from 'next';
import { ApiOperation, SummaryList } from '@/components/ApiReference';
import styles from '@/components/feeds-and-data.module.scss';
import { API_PAGE_PATH, apiDocumentOf, OPENAPI_PATH } from '@/lib/data/openapi';
import { operationsInWords, parameterInWords, schemasInWords } from '@/lib/data/openapi/words';
import type { Parameter } from '@/lib/data/openapi/document';
import { dataPaths } from '@/lib/data/export';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { absoluteUrl, paths } from '@/lib/urls';

export const revalidate = 300;

export const metadata: Metadata = {
  title: 'API reference',
  description: 'Every feed and open data address of the council decisions site: what each takes, what it answers, and the fields of every record.',
  alternates: alternatesFor(API_PAGE_PATH),
};

const FILTERS_ID = 'filters';

/** The readable form of /data/openapi.json, rendered from the same object. */
export default async function ApiPage() {
  const records = await getSiteRecords();
  const document = apiDocumentOf(records);
  const groups = operationsInWords(document);
  const filters = Object.values(document.components.parameters).map((p: Parameter) => parameterInWords(p));
  const schemas = schemasInWords(document);
  return (
    <>
      <h1 className="govuk-heading-xl">API reference</h1>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body-l">Every address that gives decisions to software: what it takes and what it answers. No key or sign-in is needed.</p>
          <p className="govuk-body">
            The same description, for software, is{' '}
            <a className="govuk-link" href={OPENAPI_PATH}>
              the OpenAPI 3.1 file
            </a>{' '}
            at <code className={styles.address}>{absoluteUrl(records.site.baseUrl, OPENAPI_PATH)}</code>. Tools such as Swagger UI, Postman or an API client
            generator can read it. What the data means, and its licence, is on the{' '}
            <a className="govuk-link" href={paths.data()}>
              open data
            </a>{' '}
            page.
          </p>
          <p className="govuk-body">
            Every address answers other sites’ pages (<code>Access-Control-Allow-Origin: *</code>) and sends an <code>ETag</code>. Where an address lists 304
            below, send the ETag back as <code>If-None-Match</code> and the answer is <code>304 Not Modified</code>, with nothing to download, until the data
            changes.
          </p>

          <h2 className="govuk-heading-l" id={FILTERS_ID}>
            Filters
          </h2>
          <p className="govuk-body">
            The site’s feeds, the decisions data and the changes take these words in the query. Give a word more than once for either value; different words
            must all hold. A value that does not exist gets <code>400 Bad Request</code> with a message that lists the values it accepts.
          </p>
          <SummaryList
            rows={filters.map((f) => ({
              key: f.name,
              label: <code>{f.name}</code>,
              value: (
                <>
                  {f.description} <span className={styles.wrap}>Accepts {f.accepts}.</span>
                </>
              ),
            }))}
          />

          {groups.map((group) => (
            <section key={group.tag} aria-labelledby={`tag-${group.tag}`}>
              <h2 className="govuk-heading-l" id={`tag-${group.tag}`}>
                {group.tag}
              </h2>
              <p className="govuk-body">{group.description}</p>
              {group.operations.map((operation) => (
                <ApiOperation key={operation.id} operation={operation} filtersId={FILTERS_ID} />
              ))}
            </section>
          ))}

          <h2 className="govuk-heading-l" id="records">
            Records
          </h2>
          <p className="govuk-body">
            The fields of the JSON data, as its{' '}
            <a className="govuk-link" href={dataPaths.schema}>
              JSON Schema
            </a>{' '}
            gives them.
          </p>
          {schemas.map((schema) => (
            <section key={schema.name} aria-labelledby={`schema-${schema.name}`}>
              <h3 className="govuk-heading-m" id={`schema-${schema.name}`}>
                {schema.name}
              </h3>
              {schema.description && <p className="govuk-body">{schema.description}</p>}
              <SummaryList
                rows={schema.properties.map((p) => ({
                  key: p.name,
                  label: <code className={styles.address}>{p.name}</code>,
                  value: (
                    <>
                      {p.description && <>{p.description} </>}
                      <span className={styles.wrap}>
                        {p.required ? 'Always present' : 'May be absent'}: {p.type}.
                      </span>
                    </>
                  ),
                }))}
              />
            </section>
          ))}
        </div>
      </div>
    </>
  );
}
