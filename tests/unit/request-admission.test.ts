import { once } from 'node:events';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { admitServer, installRequestAdmission, QUEUED_MS_HEADER, queuedMs, type AdmissionLimits } from '../../lib/server/request-admission';
import { until } from '../support/until';

/**
 * lib/server/request-admission.ts on real HTTP servers and real sockets. Everything asserted is
 * counted (requests started, answered, connections accepted), never timed.
 */

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function listen(listener: (request: IncomingMessage, response: ServerResponse) => unknown, limits?: AdmissionLimits) {
  const server = http.createServer(listener);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const admitted = limits ? admitServer(server, limits) : undefined;
  return { server, admitted, port: (server.address() as AddressInfo).port };
}

/** One GET on a connection of its own; resolves with the status and body. */
function get(port: number, path = '/', headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

/** Busy work on the event loop, as a render is: `units` rounds of hashing-like arithmetic. */
function burn(units: number): number {
  let x = 0;
  for (let i = 0; i < units * 20_000; i++) x = (x * 31 + i) | 0;
  return x;
}

describe('requests admitted a few at a time', () => {
  it('answers every request, with never more than atOnce under way', async () => {
    let underWay = 0;
    let most = 0;
    const startedPaths: string[] = [];
    const { port, admitted } = await listen(
      (request, response) => {
        underWay++;
        most = Math.max(most, underWay);
        startedPaths.push(request.url ?? '');
        setTimeout(() => {
          underWay--;
          response.end(`answer to ${request.url}`);
        }, 2);
      },
      { atOnce: 2, holdMs: 60_000 },
    );
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => get(port, `/page-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 20 }, (_, i) => `answer to /page-${i}`));
    expect(most).toBe(2);
    expect(admitted!.counts).toMatchObject({ started: 20, abandoned: 0, overHold: 0, mostAtOnce: 2 });
    expect(startedPaths).toHaveLength(20);
    expect(admitted!.waiting()).toBe(0);
  });

  it('never starts a request whose client left while it waited', async () => {
    const held: ServerResponse[] = [];
    const startedPaths: string[] = [];
    const { server, port, admitted } = await listen(
      (request, response) => {
        startedPaths.push(request.url ?? '');
        if (request.url === '/slow') held.push(response);
        else response.end('ok');
      },
      { atOnce: 1, holdMs: 60_000 },
    );
    const slow = get(port, '/slow');
    await until(() => held.length > 0);
    // A client that asks, then gives up before its turn.
    const leaver = net.connect(port, '127.0.0.1');
    leaver.write('GET /gone HTTP/1.1\r\nHost: x\r\n\r\n');
    await until(() => admitted!.waiting() > 0);
    leaver.destroy();
    // Until the server has seen it leave: one connection open, the slow one.
    const open = () => new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count)));
    await until(async () => (await open()) <= 1);
    held[0]!.end('slow answer');
    expect(await slow).toEqual({ status: 200, body: 'slow answer' });
    expect(await get(port, '/after')).toEqual({ status: 200, body: 'ok' });
    expect(startedPaths).toEqual(['/slow', '/after']);
    expect(admitted!.counts.abandoned).toBe(1);
  });

  it('lets others through when a request keeps its place past holdMs', async () => {
    const held: ServerResponse[] = [];
    const { port, admitted } = await listen(
      (request, response) => {
        if (request.url === '/never') held.push(response);
        else response.end('ok');
      },
      { atOnce: 1, holdMs: 20 },
    );
    void get(port, '/never').catch(() => {});
    await until(() => held.length > 0);
    // The only place is taken by a request that is not answered: the next is started once it
    // stops counting, and answered while the first is still open.
    expect(await get(port, '/next')).toEqual({ status: 200, body: 'ok' });
    expect(held[0]!.writableEnded).toBe(false);
    expect(admitted!.counts.overHold).toBe(1);
  });

  it('tells each request how long it waited for its turn, whatever the client sent', async () => {
    const held: ServerResponse[] = [];
    const waits: Record<string, string | string[] | undefined> = {};
    const { port } = await listen(
      (request, response) => {
        waits[request.url ?? ''] = request.headers[QUEUED_MS_HEADER];
        if (request.url === '/first') held.push(response);
        else response.end('ok');
      },
      { atOnce: 1, holdMs: 60_000 },
    );
    const first = get(port, '/first');
    await until(() => held.length > 0);
    const second = get(port, '/second', { [QUEUED_MS_HEADER]: '99999' });
    // The second waits while the first holds the only place, then is started.
    await new Promise((resolve) => setTimeout(resolve, 30));
    held[0]!.end('done');
    await first;
    expect((await second).status).toBe(200);
    expect(waits['/first']).toMatch(/^\d+$/);
    const secondWait = Number(waits['/second']);
    expect(secondWait).toBeGreaterThan(0);
    expect(secondWait).toBeLessThan(99999);
    expect(queuedMs(new Headers({ [QUEUED_MS_HEADER]: '640' }))).toBe(640);
    expect(queuedMs(new Headers({ [QUEUED_MS_HEADER]: 'soon' }))).toBe(0);
    expect(queuedMs(new Headers())).toBe(0);
  });

  it('answers 500, and stays up, when the listener throws or rejects', async () => {
    const { port } = await listen(
      async (request, response) => {
        if (request.url === '/throws') throw new Error('broken page');
        response.end('ok');
      },
      { atOnce: 2, holdMs: 60_000 },
    );
    const original = console.error;
    console.error = () => {};
    try {
      expect((await get(port, '/throws')).status).toBe(500);
    } finally {
      console.error = original;
    }
    expect(await get(port, '/fine')).toEqual({ status: 200, body: 'ok' });
  });

  /**
   * The reason for the module: a server busy with a flood of requests takes newcomers promptly.
   * libuv accepts one waiting connection per turn of the loop; unadmitted, each turn also starts
   * a request on most of the flooding connections (10 here, their clients in this same process),
   * so 30 newcomers arriving together were accepted while 173 requests started. Admitted 2 at a
   * time, a turn starts at most 2: 58 started.
   */
  it('accepts connections that arrive together while busy, a few requests apart', async () => {
    let accepted = 0;
    let started = 0;
    let startedWhenLastAccepted = -1;
    let startedWhenNewcomersArrived = -1;
    const newcomers = 30;
    const { server, port } = await listen(
      (request, response) => {
        started++;
        burn(5);
        response.end('ok');
      },
      { atOnce: 2, holdMs: 60_000 },
    );
    server.on('connection', () => {
      accepted++;
      if (startedWhenNewcomersArrived >= 0 && accepted === 10 + newcomers) startedWhenLastAccepted = started;
    });
    let flooding = true;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
    const floodOne = async () => {
      while (flooding) {
        await new Promise<void>((resolve, reject) => {
          http
            .get({ host: '127.0.0.1', port, path: '/flood', agent }, (response) => {
              response.resume();
              response.on('end', resolve);
            })
            .on('error', reject);
        });
      }
    };
    const floods = Array.from({ length: 10 }, floodOne);
    await until(() => started >= 100);
    expect(accepted).toBe(10);
    startedWhenNewcomersArrived = started;
    const answers = await Promise.all(Array.from({ length: newcomers }, () => get(port, '/newcomer')));
    flooding = false;
    await Promise.all(floods);
    agent.destroy();
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(startedWhenLastAccepted).toBeGreaterThan(0);
    // Halfway: 2 per turn for 30 turns would be 60; unadmitted it was 173.
    expect(startedWhenLastAccepted - startedWhenNewcomersArrived).toBeLessThan(100);
  });
});

describe('installRequestAdmission', () => {
  it('wraps a server Next.js made itself at its first request, that request included', async () => {
    const uninstall = installRequestAdmission({ atOnce: 1, holdMs: 60_000 });
    try {
      let underWay = 0;
      let most = 0;
      const { port } = await listen((request, response) => {
        underWay++;
        most = Math.max(most, underWay);
        setTimeout(() => {
          underWay--;
          response.end('ok');
        }, 2);
      });
      const answers = await Promise.all(Array.from({ length: 8 }, () => get(port)));
      expect(answers.every((a) => a.status === 200 && a.body === 'ok')).toBe(true);
      expect(most).toBe(1);
    } finally {
      uninstall();
    }
  });
});
