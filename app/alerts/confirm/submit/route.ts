import { alertsForForm } from '@/lib/alerts/site-alerts';
import { readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';

/** The button on the confirmation page: only a person's POST confirms, never a scanner's GET. */
export async function POST(request: Request) {
  const gate = await alertsForForm(request);
  if ('response' in gate) return gate.response;
  const form = await readForm(request);
  const result = await gate.alerts.confirm(form?.token);
  return result.ok ? seeOther(alertPaths.confirmed(result.manageToken)) : seeOther('/alerts/link-expired');
}
