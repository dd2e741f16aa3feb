import { formatDateTime, londonIsoDateTime } from '@/lib/dates';
import { CHANGE_KIND_LABELS } from '@/lib/history/types';
import type { VersionView } from '@/lib/history/view';
import { ValueChange, WordDiff } from './WordDiff';

function When({ date }: { date: Date }) {
  return <time dateTime={londonIsoDateTime(date)}>{formatDateTime(date)}</time>;
}

/**
 * Every public version of a post, newest first: when (London time), the commit, the note that
 * explains it or plainly none, and what changed, field by field and word by word. Each version
 * links to the one before it (rel="predecessor-version") and to the post as it is now
 * (rel="latest-version"), as RFC 5829 names them.
 */
export function HistoryVersions({ versions, postPath, withdrawn }: { versions: VersionView[]; postPath: string; withdrawn: boolean }) {
  return (
    <ol className="govuk-list history-versions">
      {versions.map((version) => (
        <li key={version.number} id={`version-${version.number}`} className="history-version">
          <h2 className="govuk-heading-m">
            Version {version.number}: {CHANGE_KIND_LABELS[version.kind]}
          </h2>
          <dl className="govuk-summary-list">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">When</dt>
              <dd className="govuk-summary-list__value">
                <When date={version.at} />
                {version.committedAt.getTime() !== version.at.getTime() && (
                  <>
                    {' '}
                    (saved <When date={version.committedAt} />, public from its publication date)
                  </>
                )}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Commit</dt>
              <dd className="govuk-summary-list__value">
                <code className="history-commit">{version.commit}</code>
              </dd>
            </div>
            {version.kind !== 'new' && (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">Note</dt>
                <dd className="govuk-summary-list__value">
                  {version.notes.length > 0 ? (
                    version.notes.map((note, i) => (
                      <p className="govuk-body" key={i}>
                        Correction noted in the post: {note.note}
                      </p>
                    ))
                  ) : version.kind === 'withdrawn' || version.kind === 'restored' ? (
                    'None'
                  ) : (
                    <strong>No note in the post explains this change.</strong>
                  )}
                </dd>
              </div>
            )}
          </dl>
          {version.kind === 'new' && <p className="govuk-body">The post was first published.</p>}
          {version.kind === 'withdrawn' && <p className="govuk-body">The post was withdrawn: it is no longer published.</p>}
          {version.kind === 'restored' && <p className="govuk-body">The post was published again.</p>}
          {version.changes.length > 0 && (
            <>
              <h3 className="govuk-heading-s">What changed</h3>
              <ul className="govuk-list history-changes">
                {version.changes.map((change, i) => (
                  <li key={i}>
                    <span className="govuk-!-font-weight-bold">{change.label[0]!.toUpperCase() + change.label.slice(1)}:</span>{' '}
                    {change.words ? (
                      <span className={change.field === 'body' ? 'history-text history-text--body' : 'history-text'}>
                        <WordDiff parts={change.words} />
                      </span>
                    ) : (
                      <ValueChange before={change.before} after={change.after} />
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className="govuk-body-s">
            {version.previous !== undefined && (
              <>
                <a className="govuk-link" rel="predecessor-version" href={`#version-${version.previous}`}>
                  Version {version.previous}, before this one
                </a>
                {!withdrawn && ' · '}
              </>
            )}
            {!withdrawn && (
              <a className="govuk-link" rel="latest-version" href={postPath}>
                The post as it is now
              </a>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}
