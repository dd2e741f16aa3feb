/** Every path of the site, in one place (the alerts' own in lib/alerts/paths.ts): URLs are permanent, so they are built only here. */
export const paths = {
  home: () => '/',
  page: (page: number) => (page <= 1 ? '/' : `/page/${page}`),
  decision: (slug: string) => `/decisions/${slug}`,
  /** Every public version of a post (lib/history). */
  decisionHistory: (slug: string) => `/decisions/${slug}/history`,
  committees: () => '/committees',
  committee: (slug: string) => `/committees/${slug}`,
  committeePage: (slug: string, page: number) => (page <= 1 ? `/committees/${slug}` : `/committees/${slug}/page/${page}`),
  projects: () => '/projects',
  project: (slug: string) => `/projects/${slug}`,
  glossary: () => '/glossary',
  glossaryTerm: (slug: string) => `/glossary/${slug}`,
  tags: () => '/tags',
  tag: (slug: string) => `/tags/${slug}`,
  tagPage: (slug: string, page: number) => (page <= 1 ? `/tags/${slug}` : `/tags/${slug}/page/${page}`),
  archive: (year?: number) => (year === undefined ? '/archive' : `/archive/${year}`),
  archivePage: (year: number, page: number) => (page <= 1 ? `/archive/${year}` : `/archive/${year}/page/${page}`),
  meetings: () => '/meetings',
  meetingsPage: (page: number) => (page <= 1 ? '/meetings' : `/meetings/page/${page}`),
  meeting: (slug: string) => `/meetings/${slug}`,
  meetingsCalendar: () => '/meetings.ics',
  committeeMeetingsCalendar: (slug: string) => `/committees/${slug}/meetings.ics`,
  /** A decision item on its post's page. */
  decisionItem: (slug: string, itemId: string) => `/decisions/${slug}#item-${itemId}`,
  /** An agenda item on its meeting's page (components/MeetingView.tsx gives it the id `agenda-<id>`). */
  agendaItem: (meetingSlug: string, itemId: string) => `/meetings/${meetingSlug}#agenda-${itemId}`,
  search: (query?: string) => (query ? `/search?q=${encodeURIComponent(query)}` : '/search'),
  feeds: () => '/feeds',
  /** Every change to the record, as feeds and data (lib/history). */
  changesAtom: () => '/changes.xml',
  changesJsonFeed: () => '/changes.json',
  changesDataJson: () => '/data/changes.json',
  changesDataCsv: () => '/data/changes.csv',
  data: () => '/data',
};

/** An absolute URL on the published site, for feeds, sitemaps and canonical links. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).toString();
}
