import type { Site } from '@/lib/content/types';
import { paths } from '@/lib/urls';

/** Footer with the Open Government Licence notice, as GOV.UK Frontend documents it. */
export function SiteFooter({ site }: { site: Site }) {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={paths.archive()}>
                  Archive by year
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={paths.tags()}>
                  Topics
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={paths.feeds()}>
                  Feeds
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={paths.data()}>
                  Open data
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={site.contact.url} rel="noopener noreferrer">
                  Contact the council
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={site.committeeSite} rel="noopener noreferrer">
                  Committee papers
                </a>
              </li>
            </ul>
            <p className="govuk-footer__licence-description">
              All content is available under the{' '}
              <a className="govuk-footer__link" href={site.licence.url} rel="license noopener noreferrer">
                {site.licence.name}
              </a>
              , except where otherwise stated. Published by the {site.councilName}.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}
