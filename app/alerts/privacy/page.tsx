import type { Metadata } from 'next';
import { AlertsStartLink } from '@/components/AlertsStartLink';
import { DELIVERY_LOG_RETENTION_DAYS, UNCONFIRMED_RETENTION_DAYS } from '@/lib/alerts/service';
import { alertPaths } from '@/lib/alerts/paths';
import { CONFIRMATIONS_IN_FLIGHT, CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT, CONFIRMATIONS_PER_MAILBOX_PER_HOUR } from '@/lib/alerts/limits';

export const metadata: Metadata = {
  title: 'Email alerts: what we keep and why',
  description: 'What the email alerts store about you, why, and for how long.',
  alternates: { canonical: alertPaths.privacy() },
};

export default function AlertsPrivacyPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Email alerts: what we keep and why</h1>
        <p className="govuk-body-l">We keep only what we need to send the emails you asked for, and nothing about you beyond your email address.</p>
        <h2 className="govuk-heading-m">What we keep</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>your email address, and when you confirmed it;</li>
          <li>what you follow (every decision, a committee, a project or a topic), how often, and whether you want corrections and planned key decisions;</li>
          <li>which decisions we have emailed you, and when, so that we never send one twice.</li>
          <li>
            two things worked out from your address, kept with it and deleted with it: the inbox it reaches (in small letters and without any &ldquo;+&rdquo;
            part, so <code>Name+news@example.com</code> counts as <code>name@example.com</code>) and its domain (<code>example.com</code>). We use them only for
            the limits below.
          </li>
        </ul>
        <p className="govuk-body">
          We do not keep your name, where you are, or anything about what you do with our emails: there are no tracking pixels, and the links in our emails go
          straight to the pages they name. We do not give or sell your address to anyone.
        </p>
        <h2 className="govuk-heading-m">How long we keep it</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            If you do not use the confirmation link, we forget your address after {UNCONFIRMED_RETENTION_DAYS} days. The link stops working after{' '}
            {UNCONFIRMED_RETENTION_DAYS} days too.
          </li>
          <li>The record of which emails we sent you is deleted after {DELIVERY_LOG_RETENTION_DAYS} days.</li>
          <li>
            When you stop your last subscription, or your mail server tells us the address does not exist, we delete your address and everything about it at
            once.
          </li>
        </ul>
        <h2 className="govuk-heading-m">Stopping emails</h2>
        <p className="govuk-body">
          Every email has an unsubscribe link, which works in one click, and a link to a page where you can change or stop each subscription.
        </p>
        <h2 className="govuk-heading-m">Why nobody can flood your inbox through us</h2>
        <p className="govuk-body">Until you confirm, the only email we send to an address is the confirmation email. We send at most:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            {CONFIRMATIONS_PER_MAILBOX_PER_HOUR} confirmation emails an hour to one inbox, however its address is written (in capitals, or with a
            &ldquo;+&rdquo; part);
          </li>
          <li>{CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT} an hour to addresses at one domain that nobody has confirmed yet;</li>
          <li>{CONFIRMATIONS_IN_FLIGHT} an hour, to all addresses together, that nobody has confirmed yet.</li>
        </ul>
        <p className="govuk-body">
          To count them we keep, for each confirmation email, when we sent it and to which address. That record goes when the address does: after{' '}
          {UNCONFIRMED_RETENTION_DAYS} days if it is never confirmed, and otherwise after {DELIVERY_LOG_RETENTION_DAYS} days like every record of what we sent.
        </p>
        <AlertsStartLink>Get email alerts</AlertsStartLink>
      </div>
    </div>
  );
}
