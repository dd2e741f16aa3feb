/**
 * npm run alerts:send — one run of the email alerts sender, for cron (with ALERTS_SENDER=off in
 * the servers, or beside them: the database decides who sends what, so running both is safe).
 * Reads the same environment as the server (ALERTS_SECRET, DATABASE_URL, SMTP_URL, ALERTS_FROM).
 * With the embedded database (no DATABASE_URL) the server must not be running: PGlite's data
 * folder belongs to one process, and the store refuses a second.
 */
import { alertsConfig } from '../lib/alerts/config';
import { createAlerts } from '../lib/alerts/site-alerts';

const found = alertsConfig();
if (!found.ok) {
  console.error(found.reason);
  process.exit(1);
}
const alerts = await createAlerts(found.config);
try {
  const report = await alerts.runOnce();
  console.log(
    `alerts:send: ${report.planned} new alerts, ${report.messages} emails queued, ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`,
  );
} finally {
  await alerts.close();
}
