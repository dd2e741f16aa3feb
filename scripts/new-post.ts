/**
 * npm run new [-- FLAGS]
 * Starts a new decision post: asks a few questions (or takes them as flags) and writes
 * content/decisions/<date>-<slug>.md with draft: true. Never overwrites a file.
 * `npm run new -- --help` lists the flags.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { confirm, input, select } from '@inquirer/prompts';
import { londonIsoDate } from '../lib/dates';
import { outcomeLabels, outcomeMeanings, stageLabels } from '../lib/records/labels';
import { collectContent } from '../lib/content/collect';
import {
  buildPostText,
  checkAuthor,
  checkCommittee,
  checkDate,
  checkMeeting,
  checkOutcome,
  checkProject,
  checkStage,
  checkSubject,
  checkSummary,
  checkTags,
  checkTitle,
  nearMissTags,
  newPostFileName,
  newPostSlug,
  nextSteps,
  type Checked,
  type NamedChoice,
  type NewPostAnswers,
  type NewPostItem,
} from '../lib/content/new-post';
import { formatProblem, isError } from '../lib/content/problems';
import { readContentDir } from '../lib/content/read-content-dir';
import { OUTCOMES, STAGES } from '../lib/content/schemas';
import { closestMatch } from '../lib/content/suggest';

const HELP = `npm run new — start a new decision post (a draft).

Run it with no flags and it asks you each question. Or give the answers as flags
(after "--" when you use npm run), and add --yes to be asked nothing:

  npm run new -- --yes --title "Budget approved" --committee cabinet \\
    --meeting 2011-03-02 --summary "Cabinet approved the budget for 2011/12." \\
    --subject "Budget 2011/12" --stage policy --outcome approved --tags budget,one-barnet

Flags:
  --title TEXT        the headline (up to 200 characters)
  --committee NAME    the committee that decided: its file name in content/committees
  --meeting DATE      the date of the meeting, YYYY-MM-DD (leave out if not known)
  --summary TEXT      one or two sentences (up to 300 characters)
  --subject TEXT      what a decision was about; starts a new decision item
  --project NAME      (after --subject) its project in content/projects, or "none"
  --stage STAGE       (after --subject) ${STAGES.join(', ')}
  --outcome OUTCOME   (after --subject) ${OUTCOMES.join(', ')}
  --item "SUBJECT|PROJECT|STAGE|OUTCOME"
                      a whole decision item in one flag (leave PROJECT empty for none)
                      --subject and --item can be repeated, one per decision
  --tags a,b          topics, as lowercase words joined by hyphens
  --author TEXT       who wrote the post (optional)
  --date DATE         the publication date (default: today, London time); a future date schedules the post
  --dir PATH          the content folder (default: ./content)
  --yes, -y           ask nothing: stop with a message if a required flag is missing
  --help, -h          show this help
`;

const OPTIONS = {
  title: { type: 'string' },
  committee: { type: 'string' },
  meeting: { type: 'string' },
  summary: { type: 'string' },
  subject: { type: 'string', multiple: true },
  project: { type: 'string', multiple: true },
  stage: { type: 'string', multiple: true },
  outcome: { type: 'string', multiple: true },
  item: { type: 'string', multiple: true },
  tags: { type: 'string', multiple: true },
  author: { type: 'string' },
  date: { type: 'string' },
  dir: { type: 'string' },
  yes: { type: 'boolean', short: 'y' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A plain message for the writer, then exit 1. */
class Stop extends Error {}

function stop(message: string): never {
  throw new Stop(message);
}

function must<T>(result: Checked<T>, flag?: string): T {
  if (!result.ok) stop(flag ? `--${flag}: ${result.message}` : result.message);
  return result.value;
}

type ItemField = 'subject' | 'project' | 'stage' | 'outcome';
type PartialItem = Partial<Record<ItemField, string>> & { whole?: boolean };

/**
 * The decision items given as flags. Each --subject starts an item and the --project, --stage
 * and --outcome after it belong to it. Flags given as lists instead (all the --subject flags,
 * then all the --stage flags…) are paired up in order when the counts match.
 */
function itemsFromFlags(tokens: ReadonlyArray<{ kind: string; name?: string; value?: string | undefined }>): PartialItem[] {
  const groups: PartialItem[] = [];
  const lists: Record<ItemField, string[]> = { subject: [], project: [], stage: [], outcome: [] };
  let inOrder = true;
  for (const token of tokens) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    const name = token.name as string;
    if (name === 'item') {
      const parts = token.value.split('|').map((p) => p.trim());
      if (parts.length !== 3 && parts.length !== 4) {
        stop(
          `--item "${token.value}" should be "subject|project|stage|outcome", with the parts separated by |. Leave the project empty for none: "subject||stage|outcome".`,
        );
      }
      const [subject, project, stage, outcome] = parts.length === 4 ? parts : [parts[0], '', parts[1], parts[2]];
      groups.push({ subject, project, stage, outcome, whole: true });
    } else if (name === 'subject') {
      lists.subject.push(token.value);
      groups.push({ subject: token.value });
    } else if (name === 'project' || name === 'stage' || name === 'outcome') {
      lists[name].push(token.value);
      const current = groups.at(-1);
      if (!current || current.whole || current[name] !== undefined) inOrder = false;
      else current[name] = token.value;
    }
  }
  if (inOrder) return groups;

  const n = lists.subject.length;
  const paired = n > 0 && lists.stage.length === n && lists.outcome.length === n && (lists.project.length === 0 || lists.project.length === n);
  if (!paired || groups.some((g) => g.whole)) {
    stop(
      'The decision flags do not line up. Give each decision its own --subject, followed by its --project (optional), --stage and --outcome, ' +
        'or give each decision as one flag: --item "subject|project|stage|outcome".',
    );
  }
  return lists.subject.map((subject, i) => ({ subject, project: lists.project[i], stage: lists.stage[i], outcome: lists.outcome[i] }));
}

function unknownFlagMessage(error: Error): string {
  const match = /'(-{1,2}[^'\s]+)'/.exec(error.message);
  const flag = match?.[1] ?? '';
  const near = closestMatch(flag.replace(/^-+/, ''), Object.keys(OPTIONS));
  return `${flag ? `Unknown flag ${flag}` : error.message.split('\n')[0]}${near ? `; did you mean --${near}?` : '.'} Run npm run new -- --help to see the flags.`;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    stop(unknownFlagMessage(error as Error));
  }
  const { values, tokens } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  // Without a terminal to answer in, nothing can be asked: behave as --yes.
  const ask = !values.yes && Boolean(process.stdin.isTTY);
  const missing = (flag: string, what: string): never =>
    stop(
      `Missing --${flag}: ${what}.${values.yes ? '' : ' There is no terminal to ask the question in, so give it as a flag.'} Run npm run new -- --help to see the flags.`,
    );

  const root = path.resolve(values.dir ?? 'content');
  const displayRoot = path.relative(process.cwd(), root).split(path.sep).join('/') || '.';
  const files = await readContentDir(root, displayRoot);
  const existing = collectContent(files);
  const committees: NamedChoice[] = [...existing.committees.values()].map((c) => ({
    slug: c.slug,
    name: c.name,
    ...(c.shortName ? { shortName: c.shortName } : {}),
  }));
  const projects: NamedChoice[] = [...existing.projects.values()].map((p) => ({
    slug: p.slug,
    name: p.name,
    ...(p.shortName ? { shortName: p.shortName } : {}),
  }));
  if (committees.length === 0) {
    stop(`No committees were found in ${displayRoot}/committees. Run this from the project folder, or give the content folder with --dir.`);
  }
  const knownTags = [...new Set(existing.decisions.flatMap((d) => d.tags))].sort();
  const committeeSummaries = new Map([...existing.committees.values()].map((c) => [c.slug, c.summary]));

  // Check every flag given before asking anything, so a typo is reported at once.
  const date = must(checkDate(values.date ?? londonIsoDate(new Date())), 'date');
  const titleKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
  const titles = new Map(existing.decisions.map((d) => [titleKey(d.title), d.file]));
  /** A title is refused if its file exists already or another post has the same headline. */
  const checkNewTitle = (value: string): Checked<string> => {
    const result = checkTitle(value);
    if (!result.ok) return result;
    const fileName = newPostFileName({ title: result.value, date });
    if (existsSync(path.join(root, 'decisions', fileName))) {
      return {
        ok: false,
        message: `${displayRoot}/decisions/${fileName} already exists, so nothing was written: a post is never overwritten. Open that file to carry on with it, or choose a different title.`,
      };
    }
    const clash = titles.get(titleKey(result.value));
    if (clash) return { ok: false, message: `Another post already has this title (${clash}). Give each post its own headline.` };
    return result;
  };
  let title = values.title === undefined ? undefined : must(checkNewTitle(values.title));
  let committee = values.committee === undefined ? undefined : must(checkCommittee(values.committee, committees), 'committee');
  let meeting = values.meeting === undefined ? undefined : must(checkMeeting(values.meeting), 'meeting');
  const meetingGiven = values.meeting !== undefined;
  let summary = values.summary === undefined ? undefined : must(checkSummary(values.summary), 'summary');
  let tags = values.tags === undefined ? undefined : must(checkTags(values.tags.join(',')), 'tags');
  const author = values.author === undefined || values.author.trim() === '' ? undefined : must(checkAuthor(values.author), 'author');
  const flagItems = itemsFromFlags(tokens as ReadonlyArray<{ kind: string; name?: string; value?: string }>);
  const partialItems = flagItems.map((item) => ({
    subject: item.subject === undefined ? undefined : must(checkSubject(item.subject), 'subject'),
    project: must(checkProject(item.project, projects), 'project'),
    stage: item.stage === undefined ? undefined : must(checkStage(item.stage), 'stage'),
    outcome: item.outcome === undefined ? undefined : must(checkOutcome(item.outcome), 'outcome'),
  }));

  if (!ask) {
    if (title === undefined) missing('title', 'give the headline, for example --title "Budget approved"');
    if (committee === undefined) missing('committee', `say which committee decided, one of: ${committees.map((c) => c.slug).join(', ')}`);
    if (summary === undefined)
      missing('summary', 'give one or two sentences saying what was decided, for example --summary "Cabinet approved the budget for 2011/12"');
    if (partialItems.length === 0) missing('subject', 'give at least one decision, for example --subject "Budget 2011/12" --stage policy --outcome approved');
    partialItems.forEach((item) => {
      const which = item.subject ? `the decision '${item.subject}'` : 'a decision';
      if (item.subject === undefined) missing('subject', `say what ${which} was about`);
      if (item.stage === undefined) missing('stage', `give the stage of ${which}, one of: ${STAGES.join(', ')}`);
      if (item.outcome === undefined) missing('outcome', `give the outcome of ${which}, one of: ${OUTCOMES.join(', ')}`);
    });
  }

  const fromPrompt =
    <T>(check: (value: string) => Checked<T>) =>
    (value: string) => {
      const result = check(value);
      return result.ok ? true : result.message;
    };
  const valueOf = <T>(result: Checked<T>): T => (result as { ok: true; value: T }).value;

  const askSubject = async () =>
    valueOf(
      checkSubject(await input({ message: 'What was decided on? (for example "Adults In-House Services business case")', validate: fromPrompt(checkSubject) })),
    );
  const askProject = async () =>
    select<string | undefined>({
      message: 'Which project does it belong to?',
      choices: [
        { name: 'None', value: undefined },
        ...projects.map((p) => ({ name: `${p.name}${p.shortName ? ` (${p.shortName})` : ''}`, value: p.slug, description: p.slug })),
      ],
    });
  const askStage = async () =>
    select({ message: 'Where in the decision process does it stand?', choices: STAGES.map((s) => ({ name: stageLabels[s], value: s, description: s })) });
  const askOutcome = async () =>
    select({
      message: 'What did the committee do?',
      choices: OUTCOMES.map((o) => ({ name: outcomeLabels[o], value: o, description: `${o}: ${outcomeMeanings[o]}` })),
    });

  if (ask) {
    process.stdout.write('A new decision post. Answer each question and press Enter (Ctrl+C stops without writing anything).\n\n');
    title ??= valueOf(checkNewTitle(await input({ message: 'Title (the headline)', validate: fromPrompt(checkNewTitle) })));
    committee ??= await select({
      message: 'Which committee took the decisions?',
      choices: committees.map((c) => ({
        name: `${c.name}${c.shortName ? ` (${c.shortName})` : ''}`,
        value: c.slug,
        description: committeeSummaries.get(c.slug),
      })),
    });
    if (!meetingGiven) {
      meeting = valueOf(
        checkMeeting(await input({ message: 'Date of the meeting, YYYY-MM-DD (leave blank if you do not know it)', validate: fromPrompt(checkMeeting) })),
      );
    }
    summary ??= valueOf(checkSummary(await input({ message: 'Summary: one or two sentences saying what was decided', validate: fromPrompt(checkSummary) })));
    for (const item of partialItems) {
      item.subject ??= await askSubject();
      item.stage ??= await askStage();
      item.outcome ??= await askOutcome();
    }
    if (partialItems.length === 0) {
      process.stdout.write('\nNow the decisions taken at the meeting, one at a time.\n');
      do {
        const subject = await askSubject();
        const project = await askProject();
        const stage = await askStage();
        const outcome = await askOutcome();
        partialItems.push({ subject, project, stage, outcome });
      } while (await confirm({ message: 'Add another decision from the same meeting?', default: false }));
    }
    if (tags === undefined) {
      if (knownTags.length) process.stdout.write(`\nTags already used: ${knownTags.join(', ')}\n`);
      tags = valueOf(checkTags(await input({ message: 'Tags, separated by commas (optional)', validate: fromPrompt(checkTags) })));
      for (const [typed, known] of nearMissTags(tags, knownTags)) {
        if (await confirm({ message: `'${typed}' is a new tag. Use the existing tag '${known}' instead?`, default: true })) {
          tags = tags.map((t) => (t === typed ? known : t));
        }
      }
    }
  } else {
    for (const [typed, known] of nearMissTags(tags ?? [], knownTags)) {
      process.stderr.write(`Note: '${typed}' is a new tag; did you mean the existing tag '${known}'? (kept as you wrote it)\n`);
    }
  }

  const answers: NewPostAnswers = {
    title: title!,
    date,
    summary: summary!,
    committee: committee!,
    ...(meeting ? { meeting } : {}),
    items: partialItems as NewPostItem[],
    tags: tags ?? [],
    ...(author ? { author } : {}),
  };
  const text = buildPostText(answers, { committees, projects });
  const fileName = newPostFileName(answers);
  const slug = newPostSlug(answers);
  const target = path.join(root, 'decisions', fileName);
  const displayPath = `${displayRoot}/decisions/${fileName}`;

  // Check the new post with the real checker, beside the posts already there, before writing it.
  const withNew = collectContent({
    ...files,
    decisions: [...files.decisions.filter((f) => f.path !== displayPath), { path: displayPath, bytes: new TextEncoder().encode(text) }],
  });
  const ownProblems = withNew.problems.filter((p) => p.file === displayPath);
  if (ownProblems.some(isError)) {
    stop(`The post was not written, because the checker found a problem with it:\n${ownProblems.map(formatProblem).join('\n')}`);
  }

  await mkdir(path.dirname(target), { recursive: true });
  try {
    // 'wx': fail if the file exists, so an existing post is never overwritten.
    await writeFile(target, text, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      stop(
        `${displayPath} already exists, so nothing was written: a post is never overwritten. Open that file to carry on with it, or choose a different title.`,
      );
    }
    throw error;
  }
  for (const warning of ownProblems) process.stderr.write(`${formatProblem(warning)}\n`);
  process.stdout.write(`\n${nextSteps(displayPath, slug)}\n`);
}

try {
  await main();
} catch (error) {
  if (error instanceof Stop) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  } else if (error instanceof Error && error.name === 'ExitPromptError') {
    process.stderr.write('\nStopped: nothing was written.\n');
    process.exitCode = 1;
  } else {
    throw error;
  }
}
