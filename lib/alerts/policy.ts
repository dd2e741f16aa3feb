/** How long the alerts keep what they keep, and how sending backs off and gives up. */
/** Addresses never confirmed are forgotten after this; so are confirmation links' requests. */
export const UNCONFIRMED_RETENTION_DAYS = 7;
/** The log of what was sent to whom is kept this long (the privacy page says so). */
export const DELIVERY_LOG_RETENTION_DAYS = 90;
/** Retries back off from one minute, doubling, to at most six hours, for about six days. */
export const RETRY_FIRST_MS = 60_000;
export const RETRY_MAX_MS = 6 * 3600_000;
export const RETRY_ATTEMPTS = 30;

export function retryDelay(attempts: number): number {
  return Math.min(RETRY_FIRST_MS * 2 ** Math.min(attempts, 20), RETRY_MAX_MS);
}

/**
 * A domain whose mail host answered "try again later" is left alone this long, doubling with
 * each failure in a row (a probe when the wait ends), to at most half an hour: its other
 * messages wait without each costing an SMTP attempt, and nobody else's mail waits behind them.
 */
export const DOMAIN_BACKOFF_FIRST_MS = 60_000;
export const DOMAIN_BACKOFF_MAX_MS = 30 * 60_000;

export function domainBackoffDelay(failures: number): number {
  return Math.min(DOMAIN_BACKOFF_FIRST_MS * 2 ** Math.min(Math.max(failures - 1, 0), 20), DOMAIN_BACKOFF_MAX_MS);
}

/**
 * One SMTP attempt is given up after this, whatever the socket does (the mailer's timeouts end
 * a silent server sooner: mailer.ts, SMTP_TIMEOUTS); the answer is then recorded as a retry.
 */
export const SEND_DEADLINE_MS = 2 * 60_000;
/**
 * A claimed message is this sender's for this long: longer than any SMTP attempt can last
 * (SEND_DEADLINE_MS), so no other sender takes a message still being sent; a sender that died
 * mid-send leaves its messages to the first run after this.
 */
export const CLAIM_LEASE_MS = 3 * 60_000;
