import type { Metadata } from 'next';
import { CorrectionsCheckbox, PlannedCheckbox } from '@/components/AlertForm';
import { AlertsStartLink } from '@/components/AlertsStartLink';
import { getAlerts } from '@/lib/alerts/site-alerts';
import { alertPaths } from '@/lib/alerts/paths';
import { SuccessBanner } from '@/components/SuccessBanner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Manage your emails', robots: { index: false } };

const FREQUENCIES = [
  { value: 'immediate', label: 'As it happens' },
  { value: 'daily', label: 'Once a day' },
  { value: 'weekly', label: 'Once a week' },
];

/** Token-authenticated: lists each subscription, with forms to change or end it. */
export default async function ManagePage({ searchParams }: PageProps<'/alerts/manage'>) {
  const query = await searchParams;
  const token = typeof query.token === 'string' ? query.token : '';
  const state = await getAlerts();
  const view = state.ok ? await state.alerts.manageView(token) : undefined;
  if (!view) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">This link no longer works</h1>
          <p className="govuk-body">There are no email alerts for this link: they may have ended.</p>
          <AlertsStartLink>Get email alerts</AlertsStartLink>
        </div>
      </div>
    );
  }
  const done = query.done === 'saved' ? 'Your changes are saved.' : query.done === 'ended' ? 'That subscription has ended.' : undefined;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        {done && (
          <SuccessBanner id="manage-banner-title" title="Success">
            {done}
          </SuccessBanner>
        )}
        <h1 className="govuk-heading-xl">Manage your emails</h1>
        <p className="govuk-body">Emails to {view.email}.</p>
        {view.subscriptions.map((s) => (
          <form key={s.id} className="alert-form" action={alertPaths.manageUpdate()} method="post">
            <input type="hidden" name="token" value={token} />
            <input type="hidden" name="subscription" value={s.id} />
            <div className="govuk-form-group">
              <fieldset className="govuk-fieldset">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
                  <h2 className="govuk-fieldset__heading">Emails about {s.description}</h2>
                </legend>
                <div className="govuk-radios govuk-radios--small">
                  {FREQUENCIES.map((f) => (
                    <div className="govuk-radios__item" key={f.value}>
                      <input
                        className="govuk-radios__input"
                        id={`frequency-${s.id}-${f.value}`}
                        name="frequency"
                        type="radio"
                        value={f.value}
                        defaultChecked={s.frequency === f.value}
                      />
                      <label className="govuk-label govuk-radios__label" htmlFor={`frequency-${s.id}-${f.value}`}>
                        {f.label}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </div>
            <CorrectionsCheckbox id={`corrections-${s.id}`} checked={s.corrections}>
              Corrections too
            </CorrectionsCheckbox>
            {s.planned !== undefined && <PlannedCheckbox id={`planned-${s.id}`} checked={s.planned} />}
            <div className="govuk-button-group">
              <button type="submit" name="action" value="save" className="govuk-button">
                Save changes<span className="govuk-visually-hidden"> to emails about {s.description}</span>
              </button>
              <button type="submit" name="action" value="end" className="govuk-button govuk-button--secondary">
                Stop these emails<span className="govuk-visually-hidden"> about {s.description}</span>
              </button>
            </div>
          </form>
        ))}
        <form action={alertPaths.manageUpdate()} method="post">
          <input type="hidden" name="token" value={token} />
          <button type="submit" name="action" value="end-all" className="govuk-button govuk-button--warning">
            Stop all emails and delete my address
          </button>
        </form>
      </div>
    </div>
  );
}
