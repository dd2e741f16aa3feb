/** One page of each route type, for tests that visit them all. */
export const hendon = '/decisions/2011-03-03-last-night-in-hendon';

/** A decision whose items give every field of the decision record, one of them exempt (decision-record.spec.ts). */
export const decisionRecordPage = '/decisions/2011-07-21-library-self-service-kiosks-contract-awarded';

export const pageTypes = [
  { name: 'home', path: '/' },
  { name: 'decision', path: hendon },
  { name: 'committees index', path: '/committees' },
  { name: 'committee', path: '/committees/cabinet-resources-committee' },
  { name: 'projects index', path: '/projects' },
  { name: 'project', path: '/projects/nscso' },
  { name: 'glossary index', path: '/glossary' },
  { name: 'glossary term', path: '/glossary/options-appraisal' },
  { name: 'meetings index', path: '/meetings' },
  { name: 'meeting', path: '/meetings/2011-03-02-cabinet-resources-committee' },
  { name: 'not found', path: '/decisions/no-such-decision' },
];

/**
 * The email alerts' pages, for the accessibility and HTML checks. The shared test server runs
 * without ALERTS_SECRET, so the token pages show their "link no longer works" state here; the
 * states with forms (confirm, manage, unsubscribe) are checked in alerts.spec.ts.
 */
export const alertPages = [
  { name: 'alerts', path: '/alerts' },
  { name: 'alerts privacy', path: '/alerts/privacy' },
  { name: 'alerts check your email', path: '/alerts/check-your-email' },
  { name: 'alerts form errors', path: '/alerts/problem?e=email-format&e=frequency&follow=committee:cabinet' },
  { name: 'alerts unsubscribed', path: '/alerts/unsubscribed' },
  { name: 'alerts link expired', path: '/alerts/link-expired' },
  { name: 'alerts manage (bad token)', path: '/alerts/manage?token=x' },
];

/**
 * The other pages residents reach: the feeds and data guides, search (with words, with
 * filters), the archive and topics. With pageTypes and alertPages, one page of every route
 * under app/ except the editor's and the numbered list pages (/page/2 and the like), which
 * the fixture content is too small to have and which reuse their first page's layout.
 */
export const otherPages = [
  { name: 'feeds', path: '/feeds' },
  { name: 'data', path: '/data' },
  { name: 'API reference', path: '/data/api' },
  { name: 'search', path: '/search?q=business+case' },
  { name: 'search with filters', path: '/search?committee=cabinet-resources-committee&outcome=approved' },
  { name: 'archive', path: '/archive' },
  { name: 'archive year', path: '/archive/2011' },
  { name: 'topics', path: '/tags' },
  { name: 'topic', path: '/tags/one-barnet' },
  { name: 'alerts confirmed', path: '/alerts/confirmed' },
  { name: 'alerts confirm (bad token)', path: '/alerts/confirm?token=x' },
  { name: 'alerts unsubscribe (bad token)', path: '/alerts/unsubscribe/confirm' },
  { name: 'decision history', path: '/decisions/2011-03-30-another-one-barnet-project-approved/history' },
  { name: 'decision with its whole record', path: decisionRecordPage },
];

/**
 * The history pages of the tests' scripted history (tests/support/history-fixture.ts), and the
 * post it withdrew, whose address answers 410 Gone.
 */
export const historyPages = {
  changed: '/decisions/2011-03-30-another-one-barnet-project-approved/history',
  withdrawn: '/decisions/2011-04-01-history-fixture-withdrawn-post',
  withdrawnHistory: '/decisions/2011-04-01-history-fixture-withdrawn-post/history',
};

/**
 * Decision makers of every kind (issue 24): a decision taken by an officer without a meeting,
 * the officer's and the cabinet member's pages, and the search with the maker and key filters.
 * tests/e2e/decision-makers.spec.ts checks each with axe and the Nu checker.
 */
export const officerDecision = '/decisions/2010-11-15-fixture-officer-decision-on-printing-contract';
export const makerPages = [
  { name: 'decision by an officer', path: officerDecision },
  { name: 'decision by a cabinet member', path: '/decisions/2010-11-22-fixture-cabinet-member-decision-on-fees' },
  { name: 'officer', path: '/committees/director-of-commercial-services' },
  { name: 'cabinet member', path: '/committees/cabinet-member-for-resources' },
  { name: 'search with maker and key filters', path: '/search?maker=officer&maker=cabinet-member&key=yes' },
];

/** Every route above, for the tests that visit them all. */
export const allRoutes = [...pageTypes, ...alertPages, ...otherPages, ...makerPages];
