/**
 * The process's alerts service, shared by every layer's copy of this module
 * (lib/server/process-singleton.ts), as lib/site.ts's content is: one database connection (PGlite
 * allows only one per data folder) and one sender per process.
 */
import { meetingsOf } from '../meetings';
import { getSiteRecords } from '../site';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { currentTime } from '../server/runtime';
import { alertsConfig, type AlertsConfig } from './config';
import { crossSite, plainPage } from './http';
import { folderMailer, smtpMailer } from './mailer';
import { Alerts, type AlertContent } from './service';
import { openStore } from './store';

export type AlertsState = { ok: true; alerts: Alerts; config: AlertsConfig } | { ok: false; reason: string };

/**
 * Started on first use. Kept in development too: a second evaluation of this module must not
 * open a second connection or start a second sender (an edit here takes a restart of `next dev`).
 */
const shared = processSingleton<{ started?: Promise<AlertsState> }>(PROCESS_STATE.alerts, () => ({}), { keepInDevelopment: true });

/** The site's visible content, as the alerts see it: through lib/records/published.ts's chokepoint. */
export async function siteAlertContent(now: Date): Promise<AlertContent> {
  const records = await getSiteRecords({ now, preview: false });
  return {
    decisions: records.indexes.all,
    committees: records.committees,
    projects: records.projects,
    tags: new Set(records.indexes.byTag.keys()),
    meetings: meetingsOf(records).all,
    siteTitle: records.site.siteTitle,
    councilName: records.site.councilName,
    baseUrl: records.site.baseUrl,
  };
}

export async function createAlerts(config: AlertsConfig): Promise<Alerts> {
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.from) : folderMailer(config.mailDir, config.from);
  const alerts = new Alerts({
    store,
    mailer,
    secret: config.secret,
    content: siteAlertContent,
    clock: currentTime,
    baseUrl: config.baseUrl,
    senders: store.driver === 'postgresql' ? 3 : 1,
  });
  console.log(
    `alerts: on, ${store.driver === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL from DATABASE_URL'}, mail to ${mailer.description}`,
  );
  return alerts;
}

/** The service, or why it is off. Never throws: the rest of the site keeps serving. */
export function getAlerts(): Promise<AlertsState> {
  shared.started ??= (async (): Promise<AlertsState> => {
    const found = alertsConfig();
    if (!found.ok) {
      console.warn(found.reason);
      return found;
    }
    try {
      return { ok: true, alerts: await createAlerts(found.config), config: found.config };
    } catch (error) {
      const reason = `email alerts are off: ${(error as Error).message}`;
      console.error(reason);
      return { ok: false, reason };
    }
  })();
  return shared.started;
}

/**
 * What every alerts form handler does first: refuse a post from another site, and answer 503
 * while alerts are off on this server. Gives the alerts, or the response to send instead.
 */
export async function alertsForForm(
  request: Request,
  whileOff = 'Email alerts are switched off on this server at the moment.',
): Promise<{ alerts: Alerts } | { response: Response }> {
  if (crossSite(request)) return { response: plainPage(403, 'Forbidden', 'This form can only be sent from this site.') };
  const state = await getAlerts();
  if (!state.ok) return { response: plainPage(503, 'Email alerts are not available', whileOff) };
  return { alerts: state.alerts };
}
