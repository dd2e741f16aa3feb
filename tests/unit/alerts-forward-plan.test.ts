/**
 * Following what is coming: a subscription that asked for it gets one email when a key decision
 * is first added to the forward plan (an agenda item with `keyDecision: true` of a meeting still
 * to come), matched by the meeting's committee or the item's project. With real parts: the store
 * on the embedded PGlite and on the local PostgreSQL server, the meetings made by the content
 * schema and lib/meetings, and mail over TCP to an SMTP server read back with mailparser.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../lib/alerts/mailer';
import { plannedSnapshotsFor } from '../../lib/alerts/planned';
import { planAlert } from '../../lib/alerts/schedule';
import { Alerts } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import type { AlertRow, SubscriptionRow } from '../../lib/alerts/types';
import { meetingSchema } from '../../lib/content/schemas';
import type { Decision, MeetingFile } from '../../lib/content/types';
import { deriveMeetings } from '../../lib/meetings/derive';
import { contentSource, decision, freshDatabase, linkIn, manualClock, SECRET, startSink, tokenOf, type Sink } from '../support/alerts';

const drivers = ['pglite', 'postgresql'] as const;
const BASE = 'http://127.0.0.1:3999';

/** A meeting file as the content pipeline makes it (ids derived by the schema). */
function meetingFile(slug: string, fields: Record<string, unknown>): MeetingFile {
  return { ...meetingSchema.parse(fields), slug, file: `content/meetings/${slug}.md`, body: '' };
}

const JULY = '2011-07-20-cabinet-resources-committee';
const julyMeeting = (agenda: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
  meetingFile(JULY, { committee: 'cabinet-resources-committee', date: '2011-07-20T19:00', agenda, ...extra });

describe.each(drivers)('the forward plan’s key decisions on %s', { timeout: 60_000 }, (driver) => {
  let sink: Sink;
  let posts: Decision[];
  let meetings: MeetingFile[];
  let clock: ReturnType<typeof manualClock>;
  let dropDb: (() => Promise<void>) | undefined;
  let databaseUrl: string | undefined;
  const opened: Alerts[] = [];

  async function makeAlerts(): Promise<{ alerts: Alerts; store: Store }> {
    const store = await openStore(driver === 'postgresql' ? { databaseUrl } : { dataDir: 'memory://' });
    const posted = contentSource(() => posts);
    const alerts = new Alerts({
      store,
      mailer: smtpMailer(sink.url, 'Alerts <alerts@example.test>'),
      secret: SECRET,
      content: async (now) => {
        const content = await posted(now);
        return { ...content, meetings: deriveMeetings(meetings, content.decisions) };
      },
      clock: clock.now,
      baseUrl: BASE,
      log: () => undefined,
    });
    opened.push(alerts);
    return { alerts, store };
  }

  beforeEach(async () => {
    sink = await startSink();
    clock = manualClock('2011-07-01T10:00:00Z');
    posts = [decision('2011-06-30-recent', '2011-06-30T00:00:00Z')];
    // Already in the forward plan when the service first starts: the baseline.
    meetings = [julyMeeting([{ title: 'Budget monitoring', keyDecision: true, noticeDate: '2011-05-20' }])];
    if (driver === 'postgresql') {
      const db = await freshDatabase();
      databaseUrl = db.url;
      dropDb = db.drop;
    }
  });

  afterEach(async () => {
    for (const a of opened.splice(0)) await a.close();
    await sink.close();
    await dropDb?.();
    dropDb = undefined;
  });

  /** Subscribes through the form's fields and uses the confirmation link; gives the confirmation email. */
  async function subscribe(alerts: Alerts, email: string, follow: string, extra: Record<string, string> = {}) {
    const before = sink.mails.length;
    expect(await alerts.subscribe({ email, follow, frequency: 'immediate', ...extra }, `client-${email}-${follow}`)).toEqual({ kind: 'accepted' });
    await alerts.runOnce();
    const mails = await sink.waitFor(before + 1);
    const mail = mails[mails.length - 1]!;
    const token = tokenOf(linkIn(mail.text!, '/alerts/confirm'));
    const described = await alerts.describeConfirmation(token);
    const confirmed = await alerts.confirm(token);
    if (!confirmed.ok) throw new Error(`not confirmed: ${confirmed.reason}`);
    return { mail, described, manageToken: confirmed.manageToken };
  }

  /** Several runs, then the mail that arrived for `email` since `from`. */
  async function mailsAfterRuns(alerts: Alerts, from: number, email?: string) {
    for (let i = 0; i < 3; i++) await alerts.runOnce();
    await new Promise((r) => setTimeout(r, 200));
    return sink.mails.slice(from).filter((m) => !email || (m.to && 'text' in m.to ? m.to.text : '') === email);
  }

  it('emails once when a key decision is first added, and never again: not the next run, not a restart, not after an edit of the item', async () => {
    const { alerts, store } = await makeAlerts();
    expect((await alerts.runOnce()).baseline).toBe(true);
    const { mail: confirmation, described } = await subscribe(alerts, 'planner@example.test', 'committee:cabinet-resources-committee', { planned: 'yes' });
    expect(confirmation.text).toContain('as it happens, and when a key decision is planned.');
    expect(described).toMatchObject({ ok: true, planned: true, what: 'Cabinet Resources Committee' });
    await subscribe(alerts, 'posts-only@example.test', 'committee:cabinet-resources-committee');
    const afterConfirmations = sink.mails.length;
    // The key decision already in the forward plan when they subscribed is not news to them.
    expect(await mailsAfterRuns(alerts, afterConfirmations)).toEqual([]);

    // A new key decision joins the July meeting's agenda.
    clock.set('2011-07-02T09:00:00Z');
    meetings = [
      julyMeeting([
        { title: 'Budget monitoring', keyDecision: true, noticeDate: '2011-05-20' },
        { id: 'nscso-award', title: 'NSCSO contract award', project: 'nscso', keyDecision: true, noticeDate: '2011-06-20' },
        { title: 'Minutes of the last meeting' },
      ]),
    ];
    const planned = await mailsAfterRuns(alerts, afterConfirmations);
    expect(planned).toHaveLength(1);
    const mail = planned[0]!;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe('planner@example.test');
    expect(mail.subject).toBe('Key decision planned: NSCSO contract award');
    expect(mail.text).toContain('The Cabinet Resources Committee plans to take this key decision at its meeting on Wednesday 20 July 2011 at 7pm.');
    expect(mail.text).toContain('Project: New Support and Customer Services Organisation.');
    expect(mail.text).toContain('First published in the forward plan on 20 June 2011.');
    expect(mail.text).toContain(`${BASE}/meetings/${JULY}#agenda-nscso-award`);
    // Accessible HTML beside the plain text: a real heading, the link written out, no images.
    expect(mail.html).toContain('<html lang="en-GB">');
    expect(mail.html).toMatch(/<h1[^>]*>Key decision planned: NSCSO contract award<\/h1>/);
    expect(mail.html).toContain(`href="${BASE}/meetings/${JULY}#agenda-nscso-award"`);
    expect(mail.html).not.toMatch(/<img/i);
    const unsubscribe = mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '';
    expect(unsubscribe).toMatch(/\/alerts\/unsubscribe\?token=/);
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    // The same forward plan again: nothing.
    const sent = sink.mails.length;
    expect(await mailsAfterRuns(alerts, sent)).toEqual([]);
    // A later edit of that agenda item (title, notice date, project): still the same item, nothing.
    meetings = [
      julyMeeting([
        { title: 'Budget monitoring', keyDecision: true, noticeDate: '2011-05-20' },
        { id: 'nscso-award', title: 'NSCSO: award of the contract (revised)', keyDecision: true, noticeDate: '2011-06-21' },
      ]),
    ];
    clock.set('2011-07-03T09:00:00Z');
    expect(await mailsAfterRuns(alerts, sent)).toEqual([]);
    // Another process on the same database (a restart, a second instance): nothing.
    if (driver === 'postgresql') {
      const { alerts: second } = await makeAlerts();
      expect(await mailsAfterRuns(second, sent)).toEqual([]);
    }
    expect((await store.stats()).deliveries).toBe(1);
  });

  it('matches by the item’s project and by everything, sends nothing to topics, to subscriptions without the option, nor for a past or cancelled meeting', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    await subscribe(alerts, 'project@example.test', 'project:nscso', { planned: 'yes' });
    await subscribe(alerts, 'other-project@example.test', 'project:drs', { planned: 'yes' });
    await subscribe(alerts, 'everything@example.test', 'all', { planned: 'yes' });
    const { described } = await subscribe(alerts, 'topic@example.test', 'tag:one-barnet', { planned: 'yes' });
    // A topic cannot follow the forward plan: the confirmation page does not offer it.
    expect(described).toMatchObject({ ok: true, planned: undefined });
    await subscribe(alerts, 'no-option@example.test', 'all');
    const from = sink.mails.length;

    clock.set('2011-07-02T09:00:00Z');
    meetings = [
      julyMeeting([{ title: 'Budget monitoring', keyDecision: true }]),
      meetingFile('2011-08-03-cabinet', {
        committee: 'cabinet',
        date: '2011-08-03',
        agenda: [
          { title: 'NSCSO contract award', project: 'nscso', keyDecision: true },
          { title: 'Not a key decision', keyDecision: false },
        ],
      }),
      // Already past on 2 July, and cancelled: neither is the forward plan.
      meetingFile('2011-06-15-cabinet', { committee: 'cabinet', date: '2011-06-15', agenda: [{ title: 'Past item', keyDecision: true }] }),
      meetingFile('2011-09-14-cabinet', {
        committee: 'cabinet',
        date: '2011-09-14',
        cancelled: true,
        agenda: [{ title: 'Cancelled item', keyDecision: true }],
      }),
    ];
    const mails = await mailsAfterRuns(alerts, from);
    const byRecipient = mails.map((m) => `${m.to && 'text' in m.to ? m.to.text : ''}: ${m.subject}`).sort();
    expect(byRecipient).toEqual([
      'everything@example.test: Key decision planned: NSCSO contract award',
      'project@example.test: Key decision planned: NSCSO contract award',
    ]);
  });

  it('puts a planned key decision in the daily digest, with the decisions of the day', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    await subscribe(alerts, 'digest@example.test', 'all', { planned: 'yes', frequency: 'daily' });
    const from = sink.mails.length;
    clock.set('2011-07-02T09:00:00Z');
    posts.push(decision('2011-07-02-new', '2011-07-02T08:00:00Z'));
    meetings = [
      julyMeeting([
        { title: 'Budget monitoring', keyDecision: true },
        { title: 'Library review', keyDecision: true },
      ]),
    ];
    expect(await mailsAfterRuns(alerts, from)).toEqual([]); // not before 08:30 the next day
    clock.set('2011-07-03T08:31:00Z');
    const [digest, ...more] = await mailsAfterRuns(alerts, from);
    expect(more).toEqual([]);
    expect(digest!.subject).toBe('Daily digest: 2 updates from One Barnet decisions');
    expect(digest!.text).toContain('Title of 2011-07-02-new');
    expect(digest!.text).toContain('Key decision planned: Library review');
    expect(digest!.html).toMatch(/<h2[^>]*>Key decision planned: Library review<\/h2>/);
  });

  it('lets the manage page turn the option on and off, only where the subject can follow the forward plan', async () => {
    const { alerts } = await makeAlerts();
    await alerts.runOnce();
    const { mail } = await subscribe(alerts, 'manage@example.test', 'committee:cabinet-resources-committee');
    expect(mail.text).not.toContain('key decision');
    const { manageToken: token } = await subscribe(alerts, 'manage@example.test', 'tag:one-barnet');
    const view = await alerts.manageView(token);
    expect(view!.subscriptions.map((s) => [s.description, s.planned])).toEqual([
      ['Cabinet Resources Committee', false],
      ['the topic “One barnet”', undefined],
    ]);
    for (const s of view!.subscriptions) {
      expect(await alerts.manageUpdate({ token, subscription: String(s.id), action: 'save', frequency: 'immediate', planned: 'yes' })).toMatchObject({
        ok: true,
      });
    }
    expect((await alerts.manageView(token))!.subscriptions.map((s) => s.planned)).toEqual([true, undefined]);
    const from = sink.mails.length;
    clock.set('2011-07-02T09:00:00Z');
    meetings = [
      julyMeeting([
        { title: 'Budget monitoring', keyDecision: true },
        { title: 'Library review', keyDecision: true },
      ]),
    ];
    expect((await mailsAfterRuns(alerts, from)).map((m) => m.subject)).toEqual(['Key decision planned: Library review']);
  });
});

describe('planned key decisions as alerts (pure)', () => {
  const committees = new Map([['cabinet-resources-committee', { name: 'Cabinet Resources Committee' }]]) as never;
  const projects = new Map() as never;

  it('are the key decisions of the meetings still to come, named by meeting slug and item id', () => {
    const meetings = deriveMeetings(
      [julyMeeting([{ title: 'Budget monitoring', keyDecision: true }, { title: 'Minutes' }, { id: 'x', title: 'Another', keyDecision: true }])],
      [],
    );
    expect(plannedSnapshotsFor(meetings, committees, projects, '2011-07-01').map((p) => `${p.snapshot.slug}/${p.key}`)).toEqual([
      `${JULY}/budget-monitoring`,
      `${JULY}/x`,
    ]);
    // On the day of the meeting it is still to come; the day after, it is not.
    expect(plannedSnapshotsFor(meetings, committees, projects, '2011-07-20')).toHaveLength(2);
    expect(plannedSnapshotsFor(meetings, committees, projects, '2011-07-21')).toEqual([]);
  });

  it('go only to subscriptions that asked for them, confirmed before they were first seen', () => {
    const [entry] = plannedSnapshotsFor(deriveMeetings([julyMeeting([{ title: 'Budget', keyDecision: true }])], []), committees, projects, '2011-07-01');
    const alert: AlertRow = { id: 1, snapshot: entry!.snapshot, seenAt: new Date('2011-07-02T09:00:00Z'), isCorrection: false, isPlanned: true };
    const sub = (id: number, extra: Partial<SubscriptionRow>): SubscriptionRow => ({
      id,
      subscriberId: id,
      kind: 'committee',
      slug: 'cabinet-resources-committee',
      frequency: 'immediate',
      corrections: false,
      planned: true,
      confirmedAt: new Date('2011-07-01T00:00:00Z'),
      ...extra,
    });
    const planned = planAlert(alert, [
      sub(1, {}),
      sub(2, { planned: false }),
      sub(3, { confirmedAt: new Date('2011-07-03T00:00:00Z') }),
      sub(4, { kind: 'tag', slug: 'one-barnet' }),
      sub(5, { slug: 'cabinet' }),
      sub(6, { kind: 'all', slug: '' }),
    ]);
    expect(planned.map((p) => p.subscriberId)).toEqual([1, 6]);
  });
});
