import { getAlerts } from '@/lib/alerts/site-alerts';
import { plainPage, plainText, readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';

/**
 * The List-Unsubscribe address. Mail software prefetches links, so a GET changes nothing: it
 * leads to a page with a button. A POST unsubscribes at once: RFC 8058's one-click
 * (`List-Unsubscribe=One-Click` in the body, token in the address) answers 200; the button
 * answers with the "unsubscribed" page.
 */
export async function GET(request: Request) {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  return seeOther(alertPaths.unsubscribePage(token));
}

export async function POST(request: Request) {
  const state = await getAlerts();
  if (!state.ok) return plainPage(503, 'Email alerts are not available', 'Email alerts are switched off on this server at the moment. Try again later.');
  const form = (await readForm(request)) ?? {};
  const token = new URL(request.url).searchParams.get('token') ?? form.token;
  const oneClick = form['List-Unsubscribe'] === 'One-Click';
  const result = await state.alerts.unsubscribe(token);
  if (!result.ok) return oneClick ? plainText(400, 'This unsubscribe link is not valid.') : seeOther('/alerts/link-expired');
  return oneClick ? plainText(200, 'You are unsubscribed.') : seeOther(alertPaths.unsubscribed());
}
