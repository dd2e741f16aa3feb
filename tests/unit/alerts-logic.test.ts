/** The alerts' pure parts: tokens, matching, digest times, the limits, the emails' text. */
import { describe, expect, it } from 'vitest';
import { composeEmail, escapeHtml } from '../../lib/alerts/email';
import { classifySmtpError } from '../../lib/alerts/mailer';
import { normaliseEmail, RateLimiter } from '../../lib/alerts/limits';
import { dueAt, planAlert, subjectMatches } from '../../lib/alerts/schedule';
import { parseFollow, retryDelay } from '../../lib/alerts/service';
import { confirmToken, makeToken, readToken } from '../../lib/alerts/tokens';
import type { AlertRow, AlertSnapshot, SubscriptionRow } from '../../lib/alerts/types';
import { SECRET } from '../support/alerts';

const snapshot: AlertSnapshot = {
  slug: '2011-06-30-nscso',
  title: 'NSCSO <approved>',
  summary: 'The business case & more.',
  published: '2011-06-29T23:00:00.000Z',
  committee: { slug: 'cabinet-resources-committee', name: 'Cabinet Resources Committee' },
  projects: ['nscso'],
  tags: ['one-barnet', 'outsourcing'],
  items: [{ subject: 'NSCSO business case', outcome: 'approved' }],
  path: '/decisions/2011-06-30-nscso',
};
const alert = (extra: Partial<AlertRow> = {}): AlertRow => ({
  id: 1,
  snapshot,
  seenAt: new Date('2011-07-01T10:00:00Z'),
  isCorrection: false,
  isPlanned: false,
  ...extra,
});
let nextId = 1;
const sub = (
  subscriberId: number,
  kind: SubscriptionRow['kind'],
  slug: string,
  frequency: SubscriptionRow['frequency'],
  extra: Partial<SubscriptionRow> = {},
): SubscriptionRow => ({
  id: nextId++,
  subscriberId,
  kind,
  slug,
  frequency,
  corrections: false,
  planned: false,
  confirmedAt: new Date('2011-06-01T00:00:00Z'),
  ...extra,
});

describe('tokens', () => {
  const now = new Date('2011-07-01T10:00:00Z');
  it('round-trip, and a confirmation token expires after 7 days', () => {
    const token = confirmToken(SECRET, { subscriptionId: 7, frequency: 'daily', corrections: true }, now);
    expect(readToken(SECRET, token, 'confirm', now)).toEqual({
      ok: true,
      payload: { p: 'confirm', s: 7, f: 'daily', c: true, exp: now.getTime() / 1000 + 7 * 86400 },
    });
    expect(readToken(SECRET, token, 'confirm', new Date(now.getTime() + 7 * 86_400_000 - 1000)).ok).toBe(true);
    expect(readToken(SECRET, token, 'confirm', new Date(now.getTime() + 7 * 86_400_000))).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuse another secret, an altered payload, another purpose and rubbish', () => {
    const token = makeToken(SECRET, { p: 'unsubscribe', u: 1, s: [1] });
    expect(readToken(`${SECRET}x`, token, 'unsubscribe', now)).toEqual({ ok: false, reason: 'bad-signature' });
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ p: 'unsubscribe', u: 2, s: [2] })).toString('base64url')}.${signature}`;
    expect(readToken(SECRET, forged, 'unsubscribe', now)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(readToken(SECRET, token, 'manage', now)).toEqual({ ok: false, reason: 'wrong-purpose' });
    for (const junk of [undefined, '', 'a', 'a.b.c', '<script>.x', 'x'.repeat(3000)]) expect(readToken(SECRET, junk, 'manage', now).ok).toBe(false);
  });
});

describe('matching', () => {
  it('matches everything, a committee, a project and a topic', () => {
    expect(subjectMatches({ kind: 'all', slug: '' }, snapshot)).toBe(true);
    expect(subjectMatches({ kind: 'committee', slug: 'cabinet-resources-committee' }, snapshot)).toBe(true);
    expect(subjectMatches({ kind: 'committee', slug: 'cabinet' }, snapshot)).toBe(false);
    expect(subjectMatches({ kind: 'project', slug: 'nscso' }, snapshot)).toBe(true);
    expect(subjectMatches({ kind: 'project', slug: 'drs' }, snapshot)).toBe(false);
    expect(subjectMatches({ kind: 'tag', slug: 'outsourcing' }, snapshot)).toBe(true);
    expect(subjectMatches({ kind: 'tag', slug: 'libraries' }, snapshot)).toBe(false);
  });
  it('gives each subscriber one delivery, through the most frequent matching subscription', () => {
    const subs = [
      sub(1, 'all', '', 'weekly'),
      sub(1, 'project', 'nscso', 'immediate'),
      sub(2, 'committee', 'cabinet', 'immediate'),
      sub(3, 'tag', 'outsourcing', 'daily'),
      sub(4, 'all', '', 'immediate', { confirmedAt: null }),
      sub(5, 'all', '', 'immediate', { confirmedAt: new Date('2011-07-02T00:00:00Z') }),
    ];
    const planned = planAlert(alert(), subs);
    expect(planned.map((p) => [p.subscriberId, p.subscriptionId === subs[1]!.id || p.subscriptionId === subs[3]!.id])).toEqual([
      [1, true],
      [3, true],
    ]);
    expect(planned[0]!.dueAt).toEqual(new Date('2011-07-01T10:00:00Z'));
    expect(planned[1]!.dueAt).toEqual(new Date('2011-07-02T07:30:00Z'));
  });
  it('sends corrections only to subscriptions that asked for them', () => {
    const subs = [sub(1, 'all', '', 'immediate'), sub(2, 'all', '', 'immediate', { corrections: true })];
    expect(planAlert(alert({ isCorrection: true }), subs).map((p) => p.subscriberId)).toEqual([2]);
    expect(planAlert(alert(), subs).map((p) => p.subscriberId)).toEqual([1, 2]);
  });
});

describe('digest times (08:30 London; weekly on Saturdays)', () => {
  it('daily: the next 08:30 in London, in summer and winter time', () => {
    expect(dueAt('daily', new Date('2011-07-01T07:29:59Z'))).toEqual(new Date('2011-07-01T07:30:00Z'));
    expect(dueAt('daily', new Date('2011-07-01T07:30:01Z'))).toEqual(new Date('2011-07-02T07:30:00Z'));
    expect(dueAt('daily', new Date('2011-12-01T09:00:00Z'))).toEqual(new Date('2011-12-02T08:30:00Z'));
    // Across the clocks going back (30 October 2011): 08:30 GMT on the Sunday.
    expect(dueAt('daily', new Date('2011-10-29T08:00:00Z'))).toEqual(new Date('2011-10-30T08:30:00Z'));
    expect(dueAt('daily', new Date('2011-12-31T23:59:00Z'))).toEqual(new Date('2012-01-01T08:30:00Z'));
  });
  it('weekly: the next Saturday 08:30', () => {
    // 1 July 2011 was a Friday.
    expect(dueAt('weekly', new Date('2011-07-01T10:00:00Z'))).toEqual(new Date('2011-07-02T07:30:00Z'));
    expect(dueAt('weekly', new Date('2011-07-02T07:30:01Z'))).toEqual(new Date('2011-07-09T07:30:00Z'));
    expect(new Date('2011-07-09T07:30:00Z').getUTCDay()).toBe(6);
  });
  it('immediate: at once', () => {
    expect(dueAt('immediate', new Date('2011-07-01T10:00:00Z'))).toEqual(new Date('2011-07-01T10:00:00Z'));
  });
});

describe('limits', () => {
  it('allows 10 requests a minute from one client, then refuses until the window moves', () => {
    const limiter = new RateLimiter(10, 60_000);
    const results = Array.from({ length: 12 }, (_, i) => limiter.allow('198.51.100.7', 1000 + i));
    expect(results.filter(Boolean)).toHaveLength(10);
    expect(results.slice(10)).toEqual([false, false]);
    expect(limiter.allow('203.0.113.9', 1020)).toBe(true);
    expect(limiter.allow('198.51.100.7', 61_001)).toBe(true);
  });
  it('keeps a bounded number of clients', () => {
    const limiter = new RateLimiter(1, 60_000, 100);
    for (let i = 0; i < 1000; i++) limiter.allow(`c${i}`, i);
    expect(limiter.allow('c999', 2000)).toBe(false);
    expect(limiter.allow('c0', 2000)).toBe(true); // forgotten, not remembered forever
  });
  it('accepts ordinary addresses and refuses malformed ones', () => {
    expect(normaliseEmail('  Resident@Example.TEST ')).toBe('resident@example.test');
    expect(normaliseEmail('first.last+alerts@barnet.gov.uk')).toBe('first.last+alerts@barnet.gov.uk');
    for (const bad of [
      '',
      'plain',
      'a@b',
      'a@@b.com',
      'a b@c.com',
      'a@b..com',
      '.a@b.com',
      'a..b@c.com',
      '<a@b.com>',
      `${'a'.repeat(65)}@b.com`,
      `a@${'b'.repeat(250)}.com`,
      'a@-b.com',
      'a@b.com\r\nBcc: x@y.z',
    ]) {
      expect(normaliseEmail(bad), bad).toBeUndefined();
    }
  });
  it('retries back off from a minute, doubling, to at most six hours', () => {
    expect([0, 1, 2, 3].map(retryDelay)).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelay(40)).toBe(6 * 3600_000);
  });
  it('treats only a 5xx to RCPT TO as permanent', () => {
    expect(classifySmtpError({ responseCode: 550, command: 'RCPT TO' }).kind).toBe('permanent');
    expect(classifySmtpError({ responseCode: 451, command: 'RCPT TO' }).kind).toBe('transient');
    expect(classifySmtpError({ responseCode: 554, command: 'MAIL FROM' }).kind).toBe('transient');
    expect(classifySmtpError({ code: 'ECONNREFUSED' }).kind).toBe('transient');
  });
  it('reads only the follow values it knows', () => {
    expect(parseFollow('all')).toEqual({ kind: 'all', slug: '' });
    expect(parseFollow('tag:one-barnet')).toEqual({ kind: 'tag', slug: 'one-barnet' });
    for (const bad of [undefined, '', 'everything', 'tag:', 'tag:../x', 'user:1', 'committee:Cabinet']) expect(parseFollow(bad)).toBeUndefined();
  });
});

describe('emails', () => {
  const ctx = {
    baseUrl: 'https://decisions.barnet.example',
    siteTitle: 'One Barnet decisions',
    councilName: 'London Borough of Barnet',
    secret: SECRET,
    installId: '0123456789abcdef',
    now: new Date('2011-07-01T10:00:00Z'),
    describe: () => 'every decision',
  };
  it('escape every value in the HTML, and write links out as they are (no tracking)', () => {
    const email = composeEmail(
      { id: 3, kind: 'alert', attempts: 0, email: 'a@example.test', subscriberId: 9, frequency: 'immediate', alerts: [snapshot], subscriptionIds: [4] },
      ctx,
    );
    expect(email.html).toContain('NSCSO &lt;approved&gt;');
    expect(email.html).not.toContain('<approved>');
    expect(email.html).toContain('The business case &amp; more.');
    expect(email.text).toContain('- NSCSO business case: Approved');
    const links = [...email.html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    expect(links.every((l) => l.startsWith('https://decisions.barnet.example/'))).toBe(true);
    expect(email.html).not.toMatch(/<img|utm_|pixel/i);
    expect(email.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(email.unsubscribeUrl).toMatch(/^https:\/\/decisions\.barnet\.example\/alerts\/unsubscribe\?token=/);
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });
  it('a digest of several posts is one email listing each', () => {
    const second = { ...snapshot, slug: 'b', title: 'Second', path: '/decisions/b' };
    const email = composeEmail(
      {
        id: 4,
        kind: 'digest',
        attempts: 0,
        email: 'a@example.test',
        subscriberId: 9,
        frequency: 'weekly',
        alerts: [snapshot, second],
        subscriptionIds: [4, 5],
      },
      ctx,
    );
    expect(email.subject).toBe('Weekly digest: 2 new decisions from One Barnet decisions');
    expect(email.text).toContain('NSCSO <approved>');
    expect(email.text).toContain('Second');
    expect((email.html.match(/<h2/g) ?? []).length).toBe(2);
  });
});
