import { getAlerts } from '@/lib/alerts';
import { crossSite, plainPage, readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';

/** The button on the confirmation page: only a person's POST confirms, never a scanner's GET. */
export async function POST(request: Request) {
  if (crossSite(request)) return plainPage(403, 'Forbidden', 'This form can only be sent from this site.');
  const state = await getAlerts();
  if (!state.ok) return plainPage(503, 'Email alerts are not available', 'Email alerts are switched off on this server at the moment.');
  const form = await readForm(request);
  const result = await state.alerts.confirm(form?.token);
  return result.ok ? seeOther(alertPaths.confirmed(result.manageToken)) : seeOther('/alerts/link-expired');
}
