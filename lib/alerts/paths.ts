/** Every address of the alerts service, built only here (lib/urls.ts does the same for the site). */
const withToken = (path: string, token: string) => `${path}?token=${encodeURIComponent(token)}`;

export const alertPaths = {
  start: () => '/alerts',
  privacy: () => '/alerts/privacy',
  /** POST: the subscription form. */
  subscribe: () => '/alerts/subscribe',
  checkEmail: () => '/alerts/check-your-email',
  problem: (query: string) => `/alerts/problem?${query}`,
  /** GET: a page with a button (a mail scanner's prefetch changes nothing). */
  confirm: (token: string) => withToken('/alerts/confirm', token),
  /** POST: the confirmation itself. */
  confirmSubmit: () => '/alerts/confirm/submit',
  confirmed: (manageToken: string) => withToken('/alerts/confirmed', manageToken),
  manage: (token: string) => withToken('/alerts/manage', token),
  /** POST: change or end subscriptions from the manage page. */
  manageUpdate: () => '/alerts/manage/update',
  /** The List-Unsubscribe address: POST unsubscribes (RFC 8058), GET leads to a page with a button. */
  unsubscribe: (token: string) => withToken('/alerts/unsubscribe', token),
  unsubscribePage: (token: string) => withToken('/alerts/unsubscribe/confirm', token),
  unsubscribed: () => '/alerts/unsubscribed',
};
