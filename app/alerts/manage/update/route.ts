import { alertsForForm } from '@/lib/alerts/site-alerts';
import { readForm, seeOther } from '@/lib/alerts/http';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';

/** The forms of the manage page: change one subscription, end one, or end them all. */
export async function POST(request: Request) {
  const gate = await alertsForForm(request);
  if ('response' in gate) return gate.response;
  const form = await readForm(request);
  const result = form ? await gate.alerts.manageUpdate(form) : { ok: false as const };
  if (!result.ok) return seeOther('/alerts/link-expired');
  if (result.done === 'deleted') return seeOther(alertPaths.unsubscribed());
  return seeOther(`${alertPaths.manage(result.token)}&done=${result.done}`);
}
