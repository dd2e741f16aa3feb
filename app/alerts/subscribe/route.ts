import { alertsForForm } from '@/lib/alerts/site-alerts';
import { clientKey, plainPage, readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';
import { formErrorCode } from '@/lib/alerts/service';

export const dynamic = 'force-dynamic';

/** The "Get emails about this" form. */
export async function POST(request: Request) {
  const gate = await alertsForForm(request, 'Email alerts are switched off on this server at the moment. The feeds still work.');
  if ('response' in gate) return gate.response;
  const form = await readForm(request);
  if (!form) return plainPage(413, 'Form too large', 'The form sent was too large.');
  const result = await gate.alerts.subscribe(form, clientKey(request));
  if (result.kind === 'rate-limited') {
    return plainPage(429, 'Too many requests', 'You have sent the form too many times in a minute. Wait a minute, then try again.', { 'Retry-After': '60' });
  }
  if (result.kind === 'busy') {
    return plainPage(
      429,
      'Try again later',
      result.cap === 'site'
        ? 'We have sent a lot of confirmation emails in the last hour and are waiting for people to confirm them. Try again in an hour.'
        : 'We have sent a lot of confirmation emails to addresses at your email provider in the last hour. Try again in an hour.',
      { 'Retry-After': '3600' },
    );
  }
  if (result.kind === 'invalid') {
    const query = new URLSearchParams();
    for (const error of result.errors) query.append('e', formErrorCode(error));
    if (result.values.follow) query.set('follow', result.values.follow.slice(0, 200));
    if (result.values.frequency) query.set('frequency', result.values.frequency.slice(0, 20));
    if (result.values.corrections) query.set('corrections', 'yes');
    if (result.values.planned) query.set('planned', 'yes');
    // What was typed goes back in a short-lived cookie for this one page, never in the address.
    const cookie = `alerts_email=${encodeURIComponent(result.values.email.slice(0, 254))}; Path=/alerts/problem; Max-Age=300; HttpOnly; SameSite=Strict`;
    return seeOther(alertPaths.problem(query.toString()), { 'Set-Cookie': cookie });
  }
  // The same answer for a new address, a known one, and one over its limit: nothing to enumerate.
  return seeOther(alertPaths.checkEmail());
}
