import { formatDateTime } from '@/lib/dates';
import type { PublicationState } from '@/lib/records/published';

/** In the local preview only: says plainly that a post is not public yet. */
export function PublicationBanner({ state, published }: { state: PublicationState; published: Date }) {
  if (state === 'published') return null;
  const message = state === 'draft' ? 'Draft — not published' : `Scheduled for ${formatDateTime(published)}`;
  const detail =
    state === 'draft'
      ? 'Only you can see this preview. Set draft: false in the file to publish it.'
      : 'It will appear on the live site at that time (London time), without a rebuild.';
  return (
    <div className="govuk-notification-banner publication-banner" role="region" aria-labelledby="publication-banner-title">
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id="publication-banner-title">
          Preview
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{message}</p>
        <p className="govuk-body">{detail}</p>
      </div>
    </div>
  );
}
