/**
 * A deterministic synthetic corpus of decision posts in the publishing contract's format
 * (docs/content-model.md): ~600 words each, 1–3 decision items, the real committees,
 * projects and glossary terms of content/, tags, documents and meeting dates.
 * The same seed and size give byte-identical files.
 */
import { slugify } from '../../lib/content/slug';
import { seededRandom, type Random } from './prng';

export interface CorpusCommittee {
  slug: string;
  name: string;
  /** False for an officer or a cabinet member, who decide alone: their posts have no meeting. */
  meets?: boolean;
}

export interface CorpusProject {
  slug: string;
  name: string;
  shortName?: string;
  /** Only projects with a business case get `stage: business-case` items (no warnings). */
  hasBusinessCase: boolean;
}

/** What the corpus refers to: taken from the real content folder. */
export interface CorpusContext {
  committees: CorpusCommittee[];
  projects: CorpusProject[];
  /** Glossary terms and aliases, as they are written in running text. */
  glossaryPhrases: string[];
}

export interface SyntheticItem {
  /** Given, as a writer would, only where two items of a post share a subject. */
  id?: string;
  subject: string;
  project?: string;
  stage: string;
  outcome: string;
  documents: Array<{ title: string; url: string }>;
}

export interface SyntheticPost {
  slug: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  summary: string;
  committee: string;
  meeting?: string;
  items: SyntheticItem[];
  tags: string[];
  author?: string;
  /** Markdown. */
  body: string;
  words: number;
}

export interface CorpusOptions {
  count: number;
  seed?: number;
  /** First and last publication dates; posts are spread evenly between them. */
  from?: string;
  to?: string;
}

const STAGES_WITH_VERB: Array<[stage: string, outcomes: string[]]> = [
  ['options-appraisal', ['accepted', 'agreed', 'noted', 'considered']],
  ['business-case', ['approved', 'approved', 'deferred', 'rejected']],
  ['procurement', ['approved', 'agreed', 'deferred', 'considered']],
  ['contract-award', ['awarded', 'awarded', 'deferred', 'considered']],
  ['fees-and-charges', ['approved', 'agreed', 'rejected', 'noted']],
  ['policy', ['agreed', 'approved', 'noted', 'deferred']],
  ['other', ['noted', 'considered', 'agreed']],
];

const OUTCOME_VERBS: Record<string, string> = {
  approved: 'approves',
  accepted: 'accepts',
  agreed: 'agrees',
  rejected: 'rejects',
  deferred: 'defers',
  noted: 'notes',
  awarded: 'awards',
  considered: 'considers',
};

const OUTCOME_PAST: Record<string, string> = {
  approved: 'approved',
  accepted: 'accepted',
  agreed: 'agreed',
  rejected: 'rejected',
  deferred: 'deferred',
  noted: 'noted',
  awarded: 'awarded',
  considered: 'considered',
};

const SERVICE_AREAS = [
  'street lighting',
  'parking enforcement',
  'waste collection',
  'recycling',
  'libraries',
  'leisure centres',
  'parks and open spaces',
  'highways maintenance',
  'registration and nationality',
  'building control',
  'planning',
  'environmental health',
  'trading standards',
  'housing repairs',
  'school meals',
  'adult social care',
  'children’s centres',
  'home care',
  'day centres',
  'cemeteries and crematoria',
  'pest control',
  'licensing',
  'council tax collection',
  'benefits administration',
  'payroll',
  'IT services',
  'procurement services',
  'customer contact centre',
  'estates management',
  'transport for people with disabilities',
  'youth services',
  'community safety',
];

const DOCUMENT_KINDS = [
  'business case',
  'options appraisal',
  'procurement strategy',
  'contract award report',
  'fees and charges review',
  'policy review',
  'budget monitoring report',
  'service review',
  'outline business case',
  'full business case',
  'consultation report',
  'performance report',
];

const TAGS = [
  'one-barnet',
  'outsourcing',
  'customer-services',
  'back-office',
  'adult-social-care',
  'direct-payments',
  'environmental-health',
  'fees-and-charges',
  'legal-services',
  'procurement',
  'budget',
  'savings',
  'libraries',
  'parking',
  'waste',
  'housing',
  'planning',
  'highways',
  'leisure',
  'schools',
  'children',
  'consultation',
  'contracts',
  'it-services',
  'regeneration',
  'transport',
  'licensing',
  'council-tax',
  'staffing',
  'performance',
];

const AUTHORS = ['Communications team', 'Cabinet Member for Resources', 'Leader of the Council', 'Deputy Leader', 'Policy team'];

const OPENERS = [
  'At its meeting this week,',
  'Last night,',
  'On Tuesday evening,',
  'In a packed meeting at Hendon Town Hall,',
  'Following a lengthy debate,',
  'After considering the officers’ report,',
  'As expected,',
  'In a short item on the agenda,',
];

const SUBJECT_NOUNS = [
  'the council',
  'the committee',
  'officers',
  'councillors',
  'the project board',
  'the finance team',
  'residents',
  'service users',
  'the programme office',
  'local businesses',
  'the scrutiny panel',
  'the Leader of the Council',
  'the Cabinet Member',
  'the trade unions',
];

const VERB_PHRASES = [
  'will review',
  'has looked closely at',
  'expects to improve',
  'wants to protect',
  'must balance',
  'is committed to modernising',
  'has consulted widely on',
  'will report again on',
  'has set out the risks of',
  'aims to reduce the cost of',
  'is keen to hear views on',
  'will monitor',
  'has compared several ways of running',
  'agreed to explore options for',
  'raised concerns about',
];

const OBJECTS = [
  'the quality of front line services',
  'value for money',
  'the budget for next year',
  'the savings target',
  'the timetable for the work',
  'the way services are delivered',
  'the terms of the contract',
  'the staff affected by the change',
  'the cost of running the service',
  'the performance of the current provider',
  'the level of demand',
  'the findings of the consultation',
  'the risks to the council',
  'the needs of vulnerable residents',
  'the options for the future of the service',
];

const CLAUSES = [
  'over the next three years',
  'before the end of the financial year',
  'in line with the medium term financial strategy',
  'while protecting the services residents value most',
  'as set out in the report',
  'subject to further legal advice',
  'with a further report due in the autumn',
  'so that decisions are taken in public',
  'following feedback from residents',
  'in partnership with neighbouring boroughs',
  'within the agreed budget',
  'at no extra cost to council tax payers',
];

const EXTRA_SENTENCES = [
  'Members asked a number of questions about the financial assumptions behind the proposals.',
  'The report was published a week before the meeting, with its appendices, on the council’s committee website.',
  'Officers explained that the figures would be checked again before any contract is signed.',
  'A number of residents attended the meeting and two asked questions in the public question time.',
  'The chair thanked the staff who had worked on the report for their efforts.',
  'Opposition councillors asked for a further report on the impact on staff.',
  'The savings will be monitored by the council’s finance team and reported every quarter.',
  'Copies of the papers are available on request from the democratic services team.',
  'The committee’s decision can be called in for scrutiny within five working days.',
  'Fees for weddings at the register office will go up by £40, the first rise in three years.',
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isoDay(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

function epochDayOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function sentence(random: Random, glossary: readonly string[]): string {
  const roll = random.next();
  if (roll < 0.22) return random.pick(EXTRA_SENTENCES);
  const subject = random.pick(SUBJECT_NOUNS);
  const object =
    random.chance(0.3) && glossary.length > 0 ? `the ${random.pick(glossary).toLowerCase()} for ${random.pick(SERVICE_AREAS)}` : random.pick(OBJECTS);
  const clause = random.chance(0.6) ? ` ${random.pick(CLAUSES)}` : '';
  return `${capitalise(subject)} ${random.pick(VERB_PHRASES)} ${object}${clause}.`;
}

function paragraph(random: Random, glossary: readonly string[], sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random, glossary)).join(' ');
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[a-z0-9£]/i.test(w)).length;
}

function makeItems(random: Random, context: CorpusContext, area: string, serial: number): SyntheticItem[] {
  const count = random.chance(0.55) ? 1 : random.chance(0.6) ? 2 : 3;
  const items: SyntheticItem[] = [];
  for (let i = 0; i < count; i++) {
    const project = random.chance(0.6) ? random.pick(context.projects) : undefined;
    let [stage, outcomes] = random.pick(STAGES_WITH_VERB);
    if (stage === 'business-case' && project && !project.hasBusinessCase) [stage, outcomes] = STAGES_WITH_VERB[0]!;
    const kind = stage === 'business-case' ? 'business case' : random.pick(DOCUMENT_KINDS);
    const topic = project ? (project.shortName ?? project.name) : capitalise(i === 0 ? area : random.pick(SERVICE_AREAS));
    const subject = `${topic} ${kind}`;
    const documents = random.chance(0.35)
      ? [
          {
            title: capitalise(`${subject} (report ${serial}-${i + 1})`),
            url: `https://barnet.moderngov.co.uk/documents/s${10000 + serial * 3 + i}/${slugify(subject)}.pdf`,
          },
        ]
      : [];
    const sameSubject = items.some((item) => item.subject === subject);
    items.push({
      ...(sameSubject ? { id: `${slugify(subject)}-${i + 1}` } : {}),
      subject,
      ...(project ? { project: project.slug } : {}),
      stage,
      outcome: random.pick(outcomes),
      documents,
    });
  }
  return items;
}

function makeBody(random: Random, context: CorpusContext, post: Omit<SyntheticPost, 'body' | 'words'>, committeeName: string): { body: string; words: number } {
  const target = random.int(500, 600);
  const glossary = context.glossaryPhrases;
  const blocks: string[] = [];
  const first = post.items[0]!;
  blocks.push(
    `${random.pick(OPENERS)} ${committeeName} ${OUTCOME_PAST[first.outcome]} the ${first.subject.toLowerCase()}. ${paragraph(random, glossary, random.int(2, 4))}`,
  );
  blocks.push('## What was decided');
  blocks.push(post.items.map((item) => `- **${item.subject}**: ${OUTCOME_PAST[item.outcome]}.`).join('\n'));
  blocks.push(paragraph(random, glossary, random.int(3, 5)));
  blocks.push('## Background');
  let words = countWords(blocks.join('\n\n'));
  while (words < target) {
    const text = paragraph(random, glossary, random.int(3, 6));
    blocks.push(text);
    words += countWords(text);
  }
  if (random.chance(0.4)) {
    const link = `You can read the papers for this meeting on the [council’s committee website](https://barnet.moderngov.co.uk/ieListDocuments.aspx?MId=${4000 + random.int(0, 5000)}).`;
    blocks.push(link);
    words += countWords(link);
  }
  return { body: `${blocks.join('\n\n')}\n`, words };
}

/** The posts of a corpus, oldest first. Pure: no file is touched. */
export function generatePosts(context: CorpusContext, options: CorpusOptions): SyntheticPost[] {
  if (context.committees.length === 0) throw new Error('The corpus needs at least one committee.');
  const random = seededRandom(options.seed ?? 20110630);
  const fromDay = epochDayOf(options.from ?? '1999-01-04');
  const toDay = epochDayOf(options.to ?? '2024-12-20');
  const span = Math.max(1, toDay - fromDay);
  const posts: SyntheticPost[] = [];
  for (let i = 0; i < options.count; i++) {
    const serial = i + 1;
    const date = isoDay(fromDay + Math.floor((i * span) / Math.max(1, options.count)));
    const committee = random.pick(context.committees);
    const area = random.pick(SERVICE_AREAS);
    const items = makeItems(random, context, area, serial);
    const first = items[0]!;
    const title = `${committee.name} ${OUTCOME_VERBS[first.outcome]} ${first.subject}${items.length > 1 ? ` and ${items.length - 1} more` : ''} (no. ${serial})`;
    // The random draws are the same whatever the body, so a corpus stays the same post for post.
    const day = random.chance(0.8) ? isoDay(epochDayOf(date) - random.int(0, 3)) : undefined;
    const meeting = committee.meets === false ? undefined : day;
    const summary =
      `${committee.name} ${OUTCOME_PAST[first.outcome]} the ${first.subject.toLowerCase()}${meeting ? ` at its meeting on ${meeting}` : ''}${items.length > 1 ? `, and took ${items.length - 1} other decision${items.length > 2 ? 's' : ''}` : ''}.`.slice(
        0,
        300,
      );
    const tags = random.sample(TAGS, random.int(1, 4));
    const slug = `${date}-${slugify(`${committee.slug === 'cabinet' ? 'cabinet' : 'crc'} ${first.subject}`)
      .slice(0, 70)
      .replace(/-+$/, '')}-${serial}`;
    const author = random.chance(0.5) ? random.pick(AUTHORS) : undefined;
    const base = { slug, title, date, summary, committee: committee.slug, ...(meeting ? { meeting } : {}), items, tags, ...(author ? { author } : {}) };
    const { body, words } = makeBody(random, context, base, committee.name);
    posts.push({ ...base, body, words });
  }
  return posts;
}

const q = (text: string) => JSON.stringify(text);

/** A post as the contract's Markdown file. */
export function postToMarkdown(post: SyntheticPost): string {
  const lines = ['---', `title: ${q(post.title)}`, `date: ${post.date}`, `summary: ${q(post.summary)}`, `committee: ${post.committee}`];
  if (post.meeting) lines.push(`meeting: ${post.meeting}`);
  lines.push('decisions:');
  for (const item of post.items) {
    lines.push(`  - subject: ${q(item.subject)}`);
    if (item.id) lines.push(`    id: ${item.id}`);
    if (item.project) lines.push(`    project: ${item.project}`);
    lines.push(`    stage: ${item.stage}`, `    outcome: ${item.outcome}`);
    if (item.documents.length > 0) {
      lines.push('    documents:');
      for (const doc of item.documents) lines.push(`      - title: ${q(doc.title)}`, `        url: ${q(doc.url)}`);
    }
  }
  if (post.tags.length > 0) lines.push('tags:', ...post.tags.map((t) => `  - ${t}`));
  if (post.author) lines.push(`author: ${q(post.author)}`);
  lines.push('---', '', post.body);
  return lines.join('\n');
}

/** The same post for Hugo: the same body, frontmatter Hugo reads (taxonomies are lists). */
export function postToHugoMarkdown(post: SyntheticPost): string {
  const lines = [
    '---',
    `title: ${q(post.title)}`,
    `date: ${post.date}`,
    `description: ${q(post.summary)}`,
    `committees: [${post.committee}]`,
    `tags: [${post.tags.join(', ')}]`,
  ];
  if (post.meeting) lines.push(`meeting: ${post.meeting}`);
  if (post.author) lines.push(`author: ${q(post.author)}`);
  lines.push('decisions:');
  for (const item of post.items) {
    lines.push(`  - subject: ${q(item.subject)}`, `    stage: ${item.stage}`, `    outcome: ${item.outcome}`);
    if (item.project) lines.push(`    project: ${item.project}`);
    if (item.documents.length > 0) {
      lines.push('    documents:');
      for (const doc of item.documents) lines.push(`      - title: ${q(doc.title)}`, `        url: ${q(doc.url)}`);
    }
  }
  lines.push('---', '', post.body);
  return lines.join('\n');
}
