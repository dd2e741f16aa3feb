/** One page of each route type, for tests that visit them all. */
export const hendon = '/decisions/2011-03-03-last-night-in-hendon';

export const pageTypes = [
  { name: 'home', path: '/' },
  { name: 'decision', path: hendon },
  { name: 'committees index', path: '/committees' },
  { name: 'committee', path: '/committees/cabinet-resources-committee' },
  { name: 'projects index', path: '/projects' },
  { name: 'project', path: '/projects/nscso' },
  { name: 'glossary index', path: '/glossary' },
  { name: 'glossary term', path: '/glossary/options-appraisal' },
  { name: 'not found', path: '/decisions/no-such-decision' },
];
