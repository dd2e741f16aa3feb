/**
 * The alerts as an attacker would use them: against someone else's inbox (other spellings of
 * one address, control characters, many clients), against the store (a NUL byte), against a
 * resident's choices (a replayed confirmation link). Real parts: the store on PGlite and on the
 * local PostgreSQL server, mail over TCP to an SMTP server.
 */
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONFIRMATIONS_IN_FLIGHT, CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT, CONFIRMATIONS_PER_MAILBOX_PER_HOUR } from '../../lib/alerts/limits';
import { smtpMailer } from '../../lib/alerts/mailer';
import { redact } from '../../lib/alerts/redact';
import { Alerts, FORM_ERRORS, formErrorsFrom } from '../../lib/alerts/service';
import { openStore, type Store } from '../../lib/alerts/store';
import { contentSource, decision, freshDatabase, linkIn, manualClock, SECRET, startSink, tokenOf, type Sink } from '../support/alerts';

const drivers = ['pglite', 'postgresql'] as const;

/** Twenty ways to write one inbox, as the attack used them: case, +tags and control characters. */
const SPELLINGS = [
  'victim@example.test',
  'Victim@example.test',
  'VICTIM@EXAMPLE.TEST',
  'victim@Example.Test',
  'vIcTiM@example.test',
  'victim+1@example.test',
  'victim+2@example.test',
  'Victim+news@example.test',
  'victim+@example.test',
  'victim+a+b@example.test',
  'vic\x01tim@example.test',
  'vic\x02tim@example.test',
  'vic\x0etim@example.test',
  'vic\x1ftim@example.test',
  'vic\x7ftim@example.test',
  'vic\x00tim@example.test',
  'victim\u200b@example.test',
  'vic\u0085tim@example.test',
  ' victim@example.test ',
  'VICTIM+X@example.test',
];

describe.each(drivers)('alerts under attack on %s', { timeout: 90_000 }, (driver) => {
  let sink: Sink;
  let store: Store;
  let alerts: Alerts;
  let dropDb: (() => Promise<void>) | undefined;
  const clock = manualClock('2011-07-01T10:00:00Z');
  const logged: string[] = [];

  beforeEach(async () => {
    sink = await startSink();
    clock.set('2011-07-01T10:00:00Z');
    logged.length = 0;
    let databaseUrl: string | undefined;
    if (driver === 'postgresql') {
      const db = await freshDatabase();
      databaseUrl = db.url;
      dropDb = db.drop;
    }
    store = await openStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
    alerts = new Alerts({
      store,
      mailer: smtpMailer(sink.url, 'Alerts <alerts@example.test>'),
      secret: SECRET,
      content: contentSource(() => [decision('2011-06-30-recent', '2011-06-30T00:00:00Z')]),
      clock: clock.now,
      baseUrl: 'http://127.0.0.1:3999',
      log: (line) => logged.push(line),
    });
    await alerts.runOnce();
    // A hang guard, not a speed check: PGlite's WebAssembly start takes seconds on a busy machine.
  }, 60_000);

  afterEach(async () => {
    await alerts.close();
    await sink.close();
    await dropDb?.();
    dropDb = undefined;
  });

  const subscribe = (email: string, client: string) => alerts.subscribe({ email, follow: 'all', frequency: 'daily' }, client);

  it('sends one inbox at most 3 confirmation emails an hour, whichever of 20 spellings and 20 clients ask', async () => {
    const results = [];
    for (const [i, email] of SPELLINGS.entries()) results.push(await subscribe(email, `198.51.100.${i}`));
    // Every spelling with a hidden character is refused with a message beside the field.
    const refused = results.filter((r) => r.kind === 'invalid');
    expect(refused).toHaveLength(8);
    for (const r of refused) expect(r.kind === 'invalid' && r.errors.map((e) => e.field)).toEqual(['email']);
    expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(12);
    await alerts.runOnce();
    await sink.waitFor(CONFIRMATIONS_PER_MAILBOX_PER_HOUR);
    await alerts.runOnce();
    expect(sink.mails).toHaveLength(CONFIRMATIONS_PER_MAILBOX_PER_HOUR);
    // Every one went to a spelling of the victim's inbox, none with a control character.
    for (const mail of sink.mails) expect(mail.to && 'text' in mail.to ? mail.to.text : '').toMatch(/^victim(\+[a-z0-9+]*)?@example\.test$/);
    // An hour later the inbox may be asked again.
    clock.advance(3601_000);
    expect(await subscribe('victim+later@example.test', 'another')).toEqual({ kind: 'accepted' });
    await alerts.runOnce();
    expect(await sink.waitFor(CONFIRMATIONS_PER_MAILBOX_PER_HOUR + 1)).toHaveLength(CONFIRMATIONS_PER_MAILBOX_PER_HOUR + 1);
  });

  it('a NUL byte in an address is a form error, and no log line or error carries an address', async () => {
    const result = await subscribe('vic\x00tim@example.test', 'c');
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.errors[0]?.message).toMatch(/hidden character/);
    // Shown again without the character, so the field can hold it.
    expect(result.kind === 'invalid' && result.values.email).toBe('victim@example.test');
    // The store itself, asked directly, fails without quoting the statement's values.
    const failure = await store
      .requestSubscription({
        email: 'vic\x00tim@example.test',
        mailbox: 'vic\x00tim@example.test',
        domain: 'example.test',
        subject: { kind: 'all', slug: '' },
        frequency: 'daily',
        corrections: false,
        now: clock.now(),
        limits: { perMailboxPerHour: 3, perDomainInFlight: 50, inFlight: 300 },
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(Error);
    expect(inspect(failure)).not.toContain('tim@example.test');
    expect(logged.join('\n')).not.toMatch(/@example\.test/);
  });

  it('caps confirmations in flight per domain and site-wide, and says so', async () => {
    for (let i = 0; i < CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT; i++) {
      expect(await subscribe(`person${i}@crowded.example`, `client-${i}`)).toEqual({ kind: 'accepted' });
    }
    expect(await subscribe('one-more@crowded.example', 'client-x')).toEqual({ kind: 'busy', cap: 'domain' });
    // Another domain is not held back by this one.
    expect(await subscribe('resident@elsewhere.example', 'client-y')).toEqual({ kind: 'accepted' });
    // Confirming takes a confirmation out of flight.
    await alerts.runOnce();
    const mail = (await sink.waitFor(1))[0]!;
    expect((await alerts.confirm(tokenOf(linkIn(mail.text!, '/alerts/confirm')))).ok).toBe(true);
    expect(await subscribe('one-more@crowded.example', 'client-z')).toEqual({ kind: 'accepted' });
    expect(logged.join('\n')).toContain('per-domain cap');
    expect(logged.join('\n')).not.toMatch(/@(crowded|elsewhere)\.example/);
  });

  it('caps confirmations in flight across all domains', async () => {
    const perDomain = CONFIRMATIONS_PER_DOMAIN_IN_FLIGHT - 1;
    for (let i = 0; i < CONFIRMATIONS_IN_FLIGHT; i++) {
      const result = await subscribe(`p${i}@d${Math.floor(i / perDomain)}.example`, `client-${i}`);
      expect(result).toEqual({ kind: 'accepted' });
    }
    expect(await subscribe('late@fresh.example', 'client-late')).toEqual({ kind: 'busy', cap: 'site' });
    clock.advance(3601_000);
    expect(await subscribe('late@fresh.example', 'client-late')).toEqual({ kind: 'accepted' });
  });

  it('a confirmation link used again does not undo later choices', async () => {
    await subscribe('resident@example.test', 'c');
    await alerts.runOnce();
    const link = linkIn((await sink.waitFor(1))[0]!.text!, '/alerts/confirm');
    const confirmed = await alerts.confirm(tokenOf(link));
    expect(confirmed.ok).toBe(true);
    if (!confirmed.ok) return;
    const view = await alerts.manageView(confirmed.manageToken);
    const id = view!.subscriptions[0]!.id;
    expect(
      await alerts.manageUpdate({ token: confirmed.manageToken, action: 'save', subscription: String(id), frequency: 'weekly', corrections: 'yes' }),
    ).toEqual({ ok: true, token: confirmed.manageToken, done: 'saved' });
    // The old link, opened again (by the resident, or replayed by anyone who saw it).
    const again = await alerts.confirm(tokenOf(link));
    expect(again.ok).toBe(true);
    expect((await alerts.manageView(confirmed.manageToken))!.subscriptions).toEqual([expect.objectContaining({ id, frequency: 'weekly', corrections: true })]);
  });
});

describe('log lines', () => {
  it('carry no address and no token', () => {
    const token = 'eyJwIjoibWFuYWdlIiwidSI6NDJ9.2Qk1vYv6o0pZ4m1q5Tq9c3n8R7s6W5x4Y3z2A1b0C9d';
    const line = redact(`550 5.1.1 <Victim+x@Example.test>: user unknown; link /alerts/manage?token=${token}\r\nBcc: a@b.c`);
    expect(line).toBe('550 5.1.1 <[address]>: user unknown; link /alerts/manage?token=[token]  Bcc: [address]');
    expect(redact('a b '.repeat(5_000)).length).toBe(500);
  });
});

describe("the form's result page", () => {
  it('lists only the errors its codes name: `?e=toString` is no error', () => {
    expect(formErrorsFrom(['toString', 'constructor', '__proto__', 'hasOwnProperty'])).toEqual([]);
    expect(formErrorsFrom('toString')).toEqual([]);
    expect(formErrorsFrom(['email-format', 'follow', 'email-format', 'valueOf'])).toEqual([FORM_ERRORS['email-format'], FORM_ERRORS.follow]);
    expect(formErrorsFrom(undefined)).toEqual([]);
  });
});
