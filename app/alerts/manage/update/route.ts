import { getAlerts } from '@/lib/alerts';
import { crossSite, plainPage, readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';

/** The forms of the manage page: change one subscription, end one, or end them all. */
export async function POST(request: Request) {
  if (crossSite(request)) return plainPage(403, 'Forbidden', 'This form can only be sent from this site.');
  const state = await getAlerts();
  if (!state.ok) return plainPage(503, 'Email alerts are not available', 'Email alerts are switched off on this server at the moment.');
  const form = await readForm(request);
  const result = form ? await state.alerts.manageUpdate(form) : { ok: false as const };
  if (!result.ok) return seeOther('/alerts/link-expired');
  if (result.done === 'deleted') return seeOther(alertPaths.unsubscribed());
  return seeOther(`${alertPaths.manage(result.token)}&done=${result.done}`);
}
