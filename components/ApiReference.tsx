import type { OperationInWords } from '@/lib/data/openapi/words';
import styles from './feeds-and-data.module.scss';

type Row = { key: string; label: React.ReactNode; value: React.ReactNode };

/** A GOV.UK summary list: it stacks label above value on a phone, where a table would push the page sideways. */
export function SummaryList({ rows, className }: { rows: Row[]; className?: string }) {
  return (
    <dl className={`govuk-summary-list ${className ?? ''}`.trim()}>
      {rows.map((row) => (
        <div className="govuk-summary-list__row" key={row.key}>
          <dt className="govuk-summary-list__key">{row.label}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One address of the API: what it is, what it takes and what it answers. */
export function ApiOperation({ operation, filtersId }: { operation: OperationInWords; filtersId: string }) {
  return (
    <section aria-labelledby={`op-${operation.id}`}>
      <h3 className="govuk-heading-m" id={`op-${operation.id}`}>
        {operation.summary}
      </h3>
      <p className="govuk-body">
        <code className={styles.address}>GET {operation.path}</code>
      </p>
      <p className="govuk-body">{operation.description}</p>
      {operation.filtered && (
        <p className="govuk-body">
          Takes the{' '}
          <a className="govuk-link" href={`#${filtersId}`}>
            filters
          </a>
          .
        </p>
      )}
      {operation.parameters.length > 0 && (
        <>
          <h4 className="govuk-heading-s">In the address</h4>
          <SummaryList
            rows={operation.parameters.map((p) => ({
              key: p.name,
              label: <code>{`{${p.name}}`}</code>,
              value: (
                <>
                  {p.description} <span className={styles.wrap}>Accepts {p.accepts}.</span>
                </>
              ),
            }))}
          />
        </>
      )}
      <h4 className="govuk-heading-s">Answers</h4>
      <SummaryList
        rows={operation.responses.map((r) => ({
          key: r.status,
          label: r.status,
          value: (
            <>
              {r.description}
              {r.types.length > 0 && (
                <>
                  {' '}
                  Type: <code className={styles.address}>{r.types.join(', ')}</code>.
                </>
              )}
            </>
          ),
        }))}
      />
    </section>
  );
}
