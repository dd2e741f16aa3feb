/**
 * Email alerts through deploy/nginx.conf, as a subscriber meets them: every link in an alerts
 * email carries its token in the query (`/alerts/confirm?token=…`, `/alerts/manage?token=…`, the
 * List-Unsubscribe address), and the form's error page reads its own (`/alerts/problem?e=…`).
 * nginx must pass that query to Next.js as sent, store none of these personal pages, and keep
 * them behind per-client limits.
 *
 * The file runs for real (only its machine-specific lines changed: scripts/bench/nginx.ts), in
 * front of a production server of this spec's own, started with the alerts' environment (the
 * shared web server of playwright.config.ts has none) and ALERTS_BASE_URL naming nginx, so the
 * links in the emails lead through it. Mail goes to a real SMTP server (tests/support/alerts.ts).
 * Runs in the desktop project only (playwright.config.ts): nginx's limits count per client, and
 * every project would be the same client.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { cacheEntries, cacheFolder, NGINX, proxyConfig, readDeployConf, siteServerName, startNginx } from '../../scripts/bench/nginx';
import { stop, type Running } from '../../scripts/bench/procs';
import { linkIn, SECRET, startSink, type Sink } from '../support/alerts';
import { startServer, type Server } from '../support/server';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const conf = readDeployConf(REPO);
const HOST = siteServerName(conf);
// Ports of its own: E2E_PORT + 1, + 2 and + 4… are other specs' servers, + 5000 nginx.spec.ts's nginx.
const nextPort = Number(process.env.E2E_PORT ?? 3000) + 3;
const nginxPort = Number(process.env.E2E_NGINX_ALERTS_PORT ?? nextPort + 5000);
/** Where the emails' links point: this nginx, under the site's host name (resolved to 127.0.0.1 here). */
const base = `http://${HOST}:${nginxPort}`;
const BEFORE = '2011-06-01T12:00:00Z'; // three posts visible; 2011-06-30's is still to come
const AFTER = '2011-07-01T12:00:00Z';

/**
 * Each test is its own client to nginx, from its own loopback address: the per-client limits
 * (nginx's, and the alerts' own) then count each test's requests apart from the others'.
 */
const FLOW_CLIENT = '127.0.0.1';
const FORM_LIMIT_CLIENT = '127.0.0.2';
const NGINX_LIMIT_CLIENT = '127.0.0.3';
const ANOTHER_CLIENT = '127.0.0.4';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A request to nginx for a path (and query) as written, with the site's Host header, from the
 * given loopback address. A form is sent urlencoded, as a browser sends it, with the Origin a
 * browser sends from the site's own page (lib/alerts/http.ts, crossSite), unless it is mail
 * software's one-click POST (`fromMail`), which has none.
 */
function send(
  rawPath: string,
  options: { method?: 'GET' | 'POST'; form?: Record<string, string>; fromMail?: boolean; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  const origin = options.fromMail ? {} : { origin: `http://${HOST}` };
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: nginxPort,
        localAddress: options.from ?? FLOW_CLIENT,
        path: rawPath,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          host: HOST,
          accept: 'text/html,*/*',
          ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), ...origin }),
          ...options.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error(`timed out: ${rawPath.slice(0, 80)}`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The path and query of a link from an email, after checking that it leads through this nginx. */
function throughNginx(link: string): string {
  const url = new URL(link);
  expect(url.origin, link).toBe(base);
  return `${url.pathname}${url.search}`;
}

/** The text of a page's main element: no tags, scripts, React's text separators or runs of white space. */
function text(html: string): string {
  return (/<main[^>]*>([\s\S]*?)<\/main>/.exec(html)?.[1] ?? html)
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

function h1(html: string): string | undefined {
  return /<h1[^>]*>([\s\S]*?)<\/h1>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim();
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The hidden fields of the first form on a page that posts to `action`. */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[.?]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`).exec(html);
  if (!form) throw new Error(`no form posting to ${action} in:\n${text(html).slice(0, 2000)}`);
  const fields: Record<string, string> = {};
  for (const [input] of form[1]!.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input)?.[1];
    const value = /value="([^"]*)"/.exec(input)?.[1];
    if (name !== undefined && value !== undefined) fields[unescapeHtml(name)] = unescapeHtml(value);
  }
  return fields;
}

/**
 * Not served from nginx's cache, nor looked up in it: no X-Cache-Status at all (`proxy_cache
 * off`), or BYPASS. A HIT would be a stored personal page; a MISS, a page that could be stored.
 * Soft: the flow goes on, so that a failure also shows whether the page itself worked.
 */
function expectUncached(answer: Answer, what: string): void {
  expect.soft([undefined, 'BYPASS'], `${what}: X-Cache-Status ${answer.headers['x-cache-status']}`).toContain(answer.headers['x-cache-status']);
}

/** GETs a path twice through nginx: the same answer both times, and neither from the cache. */
async function getTwice(rawPath: string): Promise<Answer> {
  const first = await send(rawPath);
  const again = await send(rawPath);
  expectUncached(first, rawPath);
  expectUncached(again, `${rawPath} (again)`);
  expect(again.status, rawPath).toBe(first.status);
  expect(h1(again.body), rawPath).toBe(h1(first.body));
  return first;
}

let prefix: string;
let dataDir: string;
let nginx: Running | undefined;
let server: Server | undefined;
let sink: Sink;

function env(siteNow: string) {
  return {
    ALERTS_SECRET: SECRET,
    SMTP_URL: sink.url,
    ALERTS_DATA_DIR: path.join(dataDir, 'db'),
    ALERTS_BASE_URL: base,
    ALERTS_INTERVAL_MS: '500',
    // nginx (its door server, on this machine) is the proxy whose last X-Forwarded-For entry
    // names the client (lib/alerts/http.ts, clientKey).
    TRUSTED_PROXIES: '127.0.0.1',
    SITE_NOW: siteNow,
    // A fixed clock in a production server must be acknowledged (lib/server/runtime.ts).
    SITE_NOW_FOR_TESTS: '1',
  };
}

const entries = () => cacheEntries(cacheFolder(prefix));

// One server and one nginx for the file, in one worker.
test.describe.configure({ mode: 'serial' });

/**
 * Fails if something already listens on the port: startServer would take a server left over
 * there (with another data folder and mail server) for the one it started.
 */
async function expectFree(port: number): Promise<void> {
  const probe = net.createServer();
  const error = await new Promise<Error | undefined>((resolve) => {
    probe.once('error', resolve);
    probe.listen(port, () => probe.close(() => resolve(undefined)));
  });
  expect(error, `port ${port} is in use`).toBeUndefined();
}

test.beforeAll(async () => {
  // A production server with the alerts takes a while to start on a busy machine (startServer waits up to two minutes).
  test.setTimeout(150_000);
  expect(existsSync(NGINX), `${NGINX}: install nginx (Debian: apt-get install nginx-light; .ci/run does it)`).toBe(true);
  prefix = mkdtempSync(path.join(os.tmpdir(), 'decisions-nginx-alerts-'));
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'alerts-nginx-e2e-'));
  sink = await startSink(0);
  await expectFree(nextPort);
  server = await startServer(nextPort, env(BEFORE));
  nginx = startNginx('nginx-alerts', proxyConfig(conf, { prefix, port: nginxPort, upstreamPorts: [nextPort] }), prefix);
  await expect
    .poll(
      () =>
        send('/robots.txt').then(
          (a) => a.status,
          () => 0,
        ),
      { timeout: 15_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (nginx) await stop(nginx);
  await server?.stop();
  await sink?.close();
  if (prefix) rmSync(prefix, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a form with a mistake: its error page (/alerts/problem?e=…) reads the query nginx passes on; nothing is cached', async () => {
  const before = entries();
  const mistaken = await send('/alerts/subscribe', { method: 'POST', form: { email: 'not-an-address', follow: 'all', frequency: 'immediate' } });
  expect(mistaken.status).toBe(303);
  const problemPath = mistaken.headers.location!;
  expect(problemPath).toBe('/alerts/problem?e=email-format&follow=all&frequency=immediate');
  const problem = await getTwice(problemPath);
  expect(problem.status).toBe(200);
  expect(text(problem.body)).toContain('Enter an email address in the correct format');
  expect(text(problem.body)).toContain('You asked for emails about every decision.');
  expect(entries()).toBe(before);
});

test('through nginx: subscribe, confirm, manage, get an alert and unsubscribe in one click; nothing is cached', async () => {
  test.setTimeout(300_000); // a server restart (up to two minutes) and two emails
  const before = entries();

  // Subscribe to everything, as it happens.
  const subscribed = await send('/alerts/subscribe', { method: 'POST', form: { email: 'resident@example.test', follow: 'all', frequency: 'immediate' } });
  expect(subscribed.status).toBe(303);
  expect(subscribed.headers.location).toBe('/alerts/check-your-email');
  expectUncached(subscribed, 'the subscription');
  const checkEmail = await getTwice('/alerts/check-your-email');
  expect(h1(checkEmail.body)).toBe('Check your email');

  // The confirmation email's link, through nginx: the page with its button, not "This link no longer works".
  const [confirmation] = await sink.waitFor(1);
  expect(confirmation?.subject).toBe('Confirm your emails about every decision');
  const confirmPath = throughNginx(linkIn(confirmation!.text!, '/alerts/confirm'));
  const confirmPage = await getTwice(confirmPath);
  expect(confirmPage.status).toBe(200);
  expect(h1(confirmPage.body)).toBe('Confirm your email alerts');
  const confirmFields = hiddenFields(confirmPage.body, '/alerts/confirm/submit');
  expect(Object.keys(confirmFields)).toEqual(['token']);

  // The button.
  const confirmed = await send('/alerts/confirm/submit', { method: 'POST', form: confirmFields });
  expect(confirmed.status).toBe(303);
  expect(confirmed.headers.location).toMatch(/^\/alerts\/confirmed\?token=/);
  const confirmedPage = await getTwice(confirmed.headers.location!);
  expect(h1(confirmedPage.body)).toBe('Your email alerts are on');
  const managePath = unescapeHtml(/href="(\/alerts\/manage\?token=[^"]+)"/.exec(confirmedPage.body)![1]!);

  // The manage page lists the subscription; a change to it is saved.
  const manage = await getTwice(managePath);
  expect(h1(manage.body)).toBe('Manage your emails');
  expect(text(manage.body)).toContain('Emails to resident@example.test.');
  expect(text(manage.body)).toContain('Emails about every decision');
  expect(manage.body).not.toMatch(/name="corrections"[^>]*checked/);
  const subscription = hiddenFields(manage.body, '/alerts/manage/update');
  expect(Object.keys(subscription).sort()).toEqual(['subscription', 'token']);
  const saved = await send('/alerts/manage/update', { method: 'POST', form: { ...subscription, frequency: 'immediate', corrections: 'yes', action: 'save' } });
  expect(saved.status).toBe(303);
  expect(saved.headers.location).toMatch(/^\/alerts\/manage\?token=.*&done=saved$/);
  const afterSave = await getTwice(saved.headers.location!);
  expect(text(afterSave.body)).toContain('Your changes are saved.');
  expect(afterSave.body).toMatch(/name="corrections"[^>]*checked/);

  // The clock moves past 30 June 2011: the scheduled post goes live, and one alert arrives.
  await server!.stop();
  server = await startServer(nextPort, env(AFTER));
  const mails = await sink.waitFor(2, 30_000);
  expect(mails).toHaveLength(2);
  const alert = mails[1]!;
  expect(alert.subject).toBe('Back office and customer service project given the green light');
  expect(alert.text).toContain(`${base}/decisions/2011-06-30-back-office-and-customer-service-project-given-the-green-light`);

  // Its List-Unsubscribe address, through nginx: a GET leads to the page with a button…
  const line = alert.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\s+/g, ' ');
  const unsubscribePath = throughNginx(/<(http[^>]+)>/.exec(line)![1]!);
  expect(unsubscribePath).toMatch(/^\/alerts\/unsubscribe\?token=/);
  const opened = await send(unsubscribePath);
  expectUncached(opened, unsubscribePath);
  expect(opened.status).toBe(303);
  expect(opened.headers.location).toMatch(/^\/alerts\/unsubscribe\/confirm\?token=./);
  const unsubscribePage = await getTwice(opened.headers.location!);
  expect(text(unsubscribePage.body)).toContain('Stop the emails this link came in?');
  expect(text(unsubscribePage.body)).not.toContain('This unsubscribe link is not valid.');
  // …and RFC 8058's one-click POST, as mail software sends it (no Origin), unsubscribes: 200.
  const oneClick = await send(unsubscribePath, {
    method: 'POST',
    form: { 'List-Unsubscribe': 'One-Click' },
    fromMail: true,
    headers: { accept: '*/*' },
  });
  expectUncached(oneClick, 'the one-click unsubscribe');
  expect(oneClick.status, oneClick.body).toBe(200);
  expect(oneClick.body).toBe('You are unsubscribed.\n');
  // Ending the last subscription deleted the address: the manage link names nobody now (and no
  // stored copy of the page shows it otherwise).
  expect(h1((await getTwice(managePath)).body)).toBe('This link no longer works');

  // Not one of these answers was stored.
  expect(entries()).toBe(before);
});

test('12 subscription forms through nginx from one client, each with an invented X-Forwarded-For: 10 accepted, then 429', async () => {
  // Forms a client could send with any X-Forwarded-For it likes: nginx appends the address it
  // saw, and the service counts that one (TRUSTED_PROXIES names nginx), so the invented entries
  // in front change nothing. Fewer than nginx's own burst for alerts: these reach the service.
  const answers: Answer[] = [];
  for (let i = 0; i < 12; i++) {
    answers.push(
      await send('/alerts/subscribe', {
        method: 'POST',
        form: { email: `flood${i}@example.test`, follow: 'all', frequency: 'daily' },
        headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
        from: FORM_LIMIT_CLIENT,
      }),
    );
  }
  expect(answers.map((a) => a.status)).toEqual([...Array<number>(10).fill(303), 429, 429]);
  // The service's own limit (lib/alerts/limits.ts), not nginx's.
  for (const refused of answers.slice(10)) expect(text(refused.body)).toContain('You have sent the form too many times in a minute.');
  // Counted per client, not for nginx as a whole: another address still gets through (without
  // TRUSTED_PROXIES every visitor would be nginx's 127.0.0.1, and share one limit).
  const another = await send('/alerts/subscribe', {
    method: 'POST',
    form: { email: 'neighbour@example.test', follow: 'all', frequency: 'daily' },
    headers: { 'x-forwarded-for': '203.0.113.1' },
    from: ANOTHER_CLIENT,
  });
  expect(another.status).toBe(303);
});

test("nginx's own per-client limit for alerts answers 429 beyond its burst, never 5xx", async () => {
  // Confirmation buttons with invented tokens, as fast as one client can send them: each one
  // costs Next.js a request, so nginx counts them, for this client alone.
  const statuses: Record<number, number> = {};
  let refused: Answer | undefined;
  for (let i = 0; i < 80; i++) {
    const answer = await send('/alerts/confirm/submit', { method: 'POST', form: { token: `invented-${i}` }, from: NGINX_LIMIT_CLIENT });
    statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
    if (answer.status === 429) refused ??= answer;
    else expect(answer.headers.location, JSON.stringify(statuses)).toBe('/alerts/link-expired');
  }
  expect(Object.keys(statuses).sort(), JSON.stringify(statuses)).toEqual(['303', '429']);
  expect(refused!.headers['content-type']).toMatch(/^text\/plain/);
  expect(refused!.headers['retry-after']).toBe('10');
  expect(refused!.body).toContain('Too many requests from your address');
  // Another client is not held back by this one.
  expect((await send('/alerts/confirm/submit', { method: 'POST', form: { token: 'invented' }, from: FLOW_CLIENT })).status).toBe(303);
});

test('a form sent to the site on a port of its own is same-origin; one from another site is refused', async () => {
  // nginx's Host loses the port; X-Forwarded-Host keeps it as the browser wrote it, and the
  // same-origin check compares that with the Origin header.
  const withPort = `${HOST}:${nginxPort}`;
  const form = { email: 'port@example.test', follow: 'all', frequency: 'daily' };
  const same = await send('/alerts/subscribe', { method: 'POST', form, headers: { host: withPort, origin: `http://${withPort}` }, from: ANOTHER_CLIENT });
  expect(same.status, same.body.slice(0, 200)).toBe(303);
  const cross = await send('/alerts/subscribe', { method: 'POST', form, headers: { host: withPort, origin: 'http://evil.example' }, from: ANOTHER_CLIENT });
  expect(cross.status).toBe(403);
});
