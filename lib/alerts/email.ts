/**
 * The emails, as plain text and as simple accessible HTML (one column, real headings and
 * lists, lang and a title, no images, no tracking pixels, links written out exactly as the
 * site's addresses: nothing is rewritten or counted). Every value is escaped here.
 */
import { formatCalendarDate, formatDate } from '../dates';
import { formatMeetingTime } from '../meetings';
import { outcomeLabels } from '../records/labels';
import type { Outcome } from '../content/schemas';
import { absoluteUrl } from '../urls';
import { alertPaths } from './paths';
import { confirmToken, makeToken } from './tokens';
import type { AlertSnapshot, Frequency, OutgoingMessage, Subject } from './types';

export interface EmailContext {
  /** The site's public address, e.g. https://decisions.barnet.example */
  baseUrl: string;
  siteTitle: string;
  councilName: string;
  secret: string;
  /** This install's random id (store.installId): in every Message-ID. */
  installId: string;
  now: Date;
  /** A subject's name for people: "Cabinet Resources Committee", "every decision". */
  describe: (subject: Subject) => string;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /**
   * Message-ID fixed by the message's id and the install, so a resend after a crash is the same
   * message, and a database set up again (ids from 1 again) never repeats an earlier one.
   */
  messageId: string;
  headers: Record<string, string>;
  /** RFC 8058 one-click unsubscribe (alerts and digests only). */
  unsubscribeUrl?: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const frequencyWords: Record<Frequency, string> = {
  immediate: 'as it happens',
  daily: 'in a daily digest',
  weekly: 'in a weekly digest',
};

export function frequencyLabel(frequency: Frequency): string {
  return frequencyWords[frequency];
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:16px;font-family:Arial,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c;background:#ffffff">
<div style="max-width:640px">
${body}
</div>
</body>
</html>
`;
}

const link = (href: string, text: string) => `<a href="${escapeHtml(href)}" style="color:#1d70b8">${escapeHtml(text)}</a>`;

function outcome(o: string): string {
  return outcomeLabels[o as Outcome] ?? o;
}

/** "Key decision planned: …", the heading and subject of a planned key decision's email. */
const plannedTitle = (a: AlertSnapshot) => `Key decision planned: ${a.title}`;
const KEY_DECISION_MEANS =
  'A key decision means significant spending or savings, or an effect on two or more wards. It is published in the forward plan before it is taken, so there is time to find out more and to have your say.';

/** When and where a planned key decision is to be taken, as sentences (the snapshot's facts only). */
function plannedLines(a: AlertSnapshot): string[] {
  const p = a.planned!;
  const when = `${formatCalendarDate(p.date, true)}${p.time ? ` at ${formatMeetingTime(p.time)}` : ''}`;
  return [
    `The ${a.committee.name} plans to take this key decision at its meeting on ${when}.`,
    ...(p.project ? [`Project: ${p.project}.`] : []),
    ...(p.noticeDate ? [`First published in the forward plan on ${formatCalendarDate(p.noticeDate)}.`] : []),
  ];
}

function plannedText(a: AlertSnapshot, baseUrl: string): string {
  return [plannedTitle(a), '', ...plannedLines(a), '', KEY_DECISION_MEANS, '', `The meeting and its agenda: ${absoluteUrl(baseUrl, a.path)}`].join('\n');
}

function plannedHtml(a: AlertSnapshot, baseUrl: string, level: 1 | 2): string {
  const h = `h${level}`;
  return `<${h} style="font-size:${level === 1 ? 27 : 22}px;margin:0 0 12px">${escapeHtml(plannedTitle(a))}</${h}>
${plannedLines(a)
  .map((line) => `<p>${escapeHtml(line)}</p>`)
  .join('\n')}
<p>${escapeHtml(KEY_DECISION_MEANS)}</p>
<p>${link(absoluteUrl(baseUrl, a.path), 'The meeting and its agenda on the site')}</p>`;
}

function alertText(a: AlertSnapshot, baseUrl: string): string {
  if (a.planned) return plannedText(a, baseUrl);
  const lines = [a.correction ? `Correction: ${a.title}` : a.title, ''];
  lines.push(`${a.committee.name}, published ${formatDate(new Date(a.published))}`);
  if (a.correction) lines.push('', `Correction of ${formatDate(new Date(a.correction.date))}: ${a.correction.note}`);
  lines.push('', a.summary, '');
  if (a.decidedBy) lines.push(a.decidedBy, '');
  for (const item of a.items) lines.push(`- ${item.subject}: ${outcome(item.outcome)}${item.money ? ` (${item.money})` : ''}`);
  lines.push('', `Read it: ${absoluteUrl(baseUrl, a.path)}`);
  return lines.join('\n');
}

function alertHtml(a: AlertSnapshot, baseUrl: string, level: 1 | 2): string {
  if (a.planned) return plannedHtml(a, baseUrl, level);
  const h = `h${level}`;
  const title = a.correction ? `Correction: ${a.title}` : a.title;
  const correction = a.correction
    ? `<p><strong>Correction of ${escapeHtml(formatDate(new Date(a.correction.date)))}:</strong> ${escapeHtml(a.correction.note)}</p>`
    : '';
  return `<${h} style="font-size:${level === 1 ? 27 : 22}px;margin:0 0 12px">${escapeHtml(title)}</${h}>
<p style="color:#505a5f;margin:0 0 12px">${escapeHtml(a.committee.name)}, published ${escapeHtml(formatDate(new Date(a.published)))}</p>
${correction}<p>${escapeHtml(a.summary)}</p>
${
  a.decidedBy
    ? `<p>${escapeHtml(a.decidedBy)}</p>
`
    : ''
}<ul>
${a.items.map((item) => `<li>${escapeHtml(item.subject)}: <strong>${escapeHtml(outcome(item.outcome))}</strong>${item.money ? ` (${escapeHtml(item.money)})` : ''}</li>`).join('\n')}
</ul>
<p>${link(absoluteUrl(baseUrl, a.path), `Read “${a.title}” on the site`)}</p>`;
}

function footer(ctx: EmailContext, manageUrl: string, unsubscribeUrl: string, why: string) {
  const text = [
    '',
    '--',
    why,
    `Manage your emails: ${manageUrl}`,
    `Unsubscribe: ${unsubscribeUrl}`,
    `What we keep and why: ${absoluteUrl(ctx.baseUrl, alertPaths.privacy())}`,
    `${ctx.siteTitle}, ${ctx.councilName}`,
  ].join('\n');
  const html = `<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0">
<p style="font-size:16px">${escapeHtml(why)}</p>
<p style="font-size:16px">${link(manageUrl, 'Manage your emails')} · ${link(unsubscribeUrl, 'Unsubscribe')} · ${link(absoluteUrl(ctx.baseUrl, alertPaths.privacy()), 'What we keep and why')}</p>
<p style="font-size:16px">${escapeHtml(ctx.siteTitle)}, ${escapeHtml(ctx.councilName)}</p>`;
  return { text, html };
}

/** What a confirmation adds to how often: ", with corrections", ", and when a key decision is planned". */
function extras(payload: { corrections: boolean; planned?: boolean }): string {
  return `${payload.corrections ? ', with corrections' : ''}${payload.planned ? ', and when a key decision is planned' : ''}`;
}

function messageId(ctx: EmailContext, message: OutgoingMessage): string {
  return `<alerts-${message.kind}-${message.id}.${ctx.installId}@${new URL(ctx.baseUrl).hostname}>`;
}

export function composeEmail(message: OutgoingMessage, ctx: EmailContext): Email {
  if (message.kind === 'confirm') {
    const what = message.subject ? ctx.describe(message.subject) : 'decisions';
    const token = confirmToken(ctx.secret, { ...message.payload, subject: message.subject }, ctx.now);
    const url = absoluteUrl(ctx.baseUrl, alertPaths.confirm(token));
    const subject = `Confirm your emails about ${what}`;
    const text = [
      `Someone, probably you, asked for emails about ${what} from ${ctx.siteTitle}, ${frequencyLabel(message.payload.frequency)}${extras(message.payload)}.`,
      '',
      `To confirm, open this link within 7 days:`,
      url,
      '',
      'If it was not you, ignore this email: nothing will be sent and we will forget this address within 7 days.',
      '',
      `What we keep and why: ${absoluteUrl(ctx.baseUrl, alertPaths.privacy())}`,
      `${ctx.siteTitle}, ${ctx.councilName}`,
    ].join('\n');
    const html = page(
      subject,
      `<h1 style="font-size:27px;margin:0 0 16px">Confirm your emails</h1>
<p>Someone, probably you, asked for emails about <strong>${escapeHtml(what)}</strong> from ${escapeHtml(ctx.siteTitle)}, ${escapeHtml(frequencyLabel(message.payload.frequency))}${escapeHtml(extras(message.payload))}.</p>
<p>${link(url, 'Confirm your emails')} (the link works for 7 days).</p>
<p>If it was not you, ignore this email: nothing will be sent and we will forget this address within 7 days.</p>
<p style="font-size:16px">${link(absoluteUrl(ctx.baseUrl, alertPaths.privacy()), 'What we keep and why')} · ${escapeHtml(ctx.siteTitle)}, ${escapeHtml(ctx.councilName)}</p>`,
    );
    return { to: message.email, subject, text, html, messageId: messageId(ctx, message), headers: { 'Auto-Submitted': 'auto-generated' } };
  }

  const manageUrl = absoluteUrl(ctx.baseUrl, alertPaths.manage(makeToken(ctx.secret, { p: 'manage', u: message.subscriberId })));
  const unsubscribeUrl = absoluteUrl(
    ctx.baseUrl,
    alertPaths.unsubscribe(makeToken(ctx.secret, { p: 'unsubscribe', u: message.subscriberId, s: message.subscriptionIds })),
  );
  const why = `You get this because you asked for emails ${frequencyLabel(message.frequency)} from ${ctx.siteTitle}.`;
  const foot = footer(ctx, manageUrl, unsubscribeUrl, why);
  const headers = {
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'Auto-Submitted': 'auto-generated',
    Precedence: 'list',
  };
  if (message.kind === 'alert' || message.alerts.length === 1) {
    const a = message.alerts[0]!;
    const subject = a.planned ? plannedTitle(a) : a.correction ? `Correction: ${a.title}` : a.title;
    return {
      to: message.email,
      subject: message.kind === 'digest' ? `${message.frequency === 'weekly' ? 'Weekly' : 'Daily'} digest: ${subject}` : subject,
      text: `${alertText(a, ctx.baseUrl)}\n${foot.text}\n`,
      html: page(subject, `${alertHtml(a, ctx.baseUrl, 1)}\n${foot.html}`),
      messageId: messageId(ctx, message),
      headers,
      unsubscribeUrl,
    };
  }
  const label = message.frequency === 'weekly' ? 'Weekly' : 'Daily';
  // "new decisions" only where that is what they are: a planned key decision is not decided yet.
  const subject = `${label} digest: ${message.alerts.length} ${message.alerts.some((a) => a.planned) ? 'updates' : 'new decisions'} from ${ctx.siteTitle}`;
  const text = [`${label} digest: ${message.alerts.length} updates`, '', ...message.alerts.map((a) => `${alertText(a, ctx.baseUrl)}\n`)].join('\n');
  const html = page(
    subject,
    `<h1 style="font-size:27px;margin:0 0 16px">${escapeHtml(label)} digest: ${message.alerts.length} updates</h1>
${message.alerts.map((a) => alertHtml(a, ctx.baseUrl, 2)).join('\n<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0">\n')}
${foot.html}`,
  );
  return { to: message.email, subject, text: `${text}\n${foot.text}\n`, html, messageId: messageId(ctx, message), headers, unsubscribeUrl };
}
