/**
 * Requests started a few at a time, so that a busy server still takes new connections.
 *
 * Why: since libuv 1.45 (Node.js 20 and later) a server accepts one waiting connection per turn
 * of its event loop, and under load a turn did a step of every request in flight: with 100
 * connections, a turn of about 200 ms at 10,000 posts. A hundred clients arriving together
 * were then accepted over ten seconds or more, and their first requests made the p99 of a
 * search flood 4.5 s (docs/benchmarks.md, "Where the tail comes from"). Here at most
 * `atOnce` requests are under way; the others wait in arrival order and are started from
 * setImmediate, after the loop has polled, so a turn holds a few requests' work and the loop
 * comes back to the listening socket every few milliseconds. The queue refuses nothing and
 * keeps arrival order; its length is bounded by the open connections (an HTTP/1.1 connection
 * carries one request at a time). It tells each request how long it waited (QUEUED_MS_HEADER),
 * and search's own limit answers 503 when renders pile up or when a search that must be
 * rendered waited too long (proxy.ts, lib/search/rendered-pages.ts).
 *
 * A request that keeps its place longer than `holdMs` (a slow client reading a large file, a
 * long render) stops counting, so one slow reader never blocks the rest; a request whose client
 * left while it waited is not started at all.
 *
 * Where: Next.js creates the HTTP server itself (the standalone server.js, `next start`), so
 * there is no request listener of ours to wrap. Node.js publishes every request on the
 * `http.server.request.start` diagnostics channel, with its server, just before the server
 * emits it; installRequestAdmission (called once from instrumentation.ts) wraps that server's
 * request listeners then, at its first request, which is itself admitted.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The request header that carries how long a request waited for its turn, in whole
 * milliseconds, to the proxy (proxy.ts sheds a search render that waited too long). Set on
 * every admitted request, replacing any value a client sent.
 */
export const QUEUED_MS_HEADER = 'x-decisions-queued-ms';

/** The wait a request's QUEUED_MS_HEADER records; 0 when there is none (not admitted). */
export function queuedMs(headers: Headers): number {
  const value = Number(headers.get(QUEUED_MS_HEADER));
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => unknown;

export interface AdmissionLimits {
  /** Requests under way at once; the others wait their turn. */
  atOnce: number;
  /** A request under way longer than this no longer counts against `atOnce`. */
  holdMs: number;
}

/**
 * 4 at once: measured at 10,000 posts with wrk, 100 connections × 20 s, two floods of one
 * search and then a decision page, on the standalone server (6 December 2026, Node.js 20):
 * p99 6.6 and 6.1 s, then 4.2 s, without admission; 0.70 and 0.42 s, then 0.24 s, with 4;
 * 1.5 and 0.66 s, then 0.56 s, with 8; 1.8 and 2.2 s, then 2.1 s, with 16; requests a second
 * unchanged or better (616 and 653 searches, 1,245 decision pages, against 586, 591 and 893).
 * The server does its work on one thread: more at once only overlaps waits on the disk or the
 * database, and those are short. One second of hold covers a page rendered on first request.
 */
export const ADMISSION_LIMITS: AdmissionLimits = { atOnce: 4, holdMs: 1000 };

/** What an admission queue has done, for tests and the bench: counts, never times. */
export interface AdmissionCounts {
  started: number;
  /** Left before their turn came (client gone): never started. */
  abandoned: number;
  /** Stopped counting after holdMs while still under way. */
  overHold: number;
  /** The most ever under way at once (counting only those that still count). */
  mostAtOnce: number;
}

export interface AdmittedListener {
  listener: RequestListener;
  counts: AdmissionCounts;
  /** Requests waiting for their turn now. */
  waiting(): number;
}

/** `listener`, with its requests started at most `limits.atOnce` at a time, in arrival order. */
export function admitRequests(listener: RequestListener, limits: AdmissionLimits = ADMISSION_LIMITS): AdmittedListener {
  const atOnce = Math.max(1, Math.floor(limits.atOnce));
  const queue: Array<[IncomingMessage, ServerResponse, arrived: number]> = [];
  let head = 0;
  let underWay = 0;
  let scheduled = false;
  const counts: AdmissionCounts = { started: 0, abandoned: 0, overHold: 0, mostAtOnce: 0 };

  const schedule = () => {
    if (scheduled || head === queue.length || underWay >= atOnce) return;
    scheduled = true;
    setImmediate(startWaiting);
  };

  // Started from setImmediate, never from the turn that read the request: the loop polls
  // (and accepts a connection) between one batch and the next.
  function startWaiting() {
    scheduled = false;
    while (head < queue.length && underWay < atOnce) {
      const [request, response, arrived] = queue[head]!;
      queue[head++] = undefined as never;
      if (response.destroyed || request.socket.destroyed) {
        counts.abandoned++;
        continue;
      }
      request.headers[QUEUED_MS_HEADER] = String(Math.round(performance.now() - arrived));
      start(request, response);
    }
    // Drop the started entries now and then, so the array does not grow with every request.
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    schedule();
  }

  function start(request: IncomingMessage, response: ServerResponse) {
    underWay++;
    counts.started++;
    counts.mostAtOnce = Math.max(counts.mostAtOnce, underWay);
    let counted = true;
    const release = (overHold: boolean) => {
      if (!counted) return;
      counted = false;
      clearTimeout(hold);
      if (overHold) counts.overHold++;
      underWay--;
      schedule();
    };
    const hold = setTimeout(() => release(true), limits.holdMs);
    hold.unref();
    response.once('finish', () => release(false));
    response.once('close', () => release(false));
    try {
      const result = listener(request, response);
      // Next.js answers its own failures with a 500. A rejection it let through would go
      // unhandled and take the process down: it is logged and answered 500 here instead.
      if (result instanceof Promise) result.catch((error) => failed(response, error));
    } catch (error) {
      failed(response, error);
    }
  }

  return {
    listener(request, response) {
      queue.push([request, response, performance.now()]);
      schedule();
    },
    counts,
    waiting: () => queue.length - head,
  };
}

/** A listener that threw: logged, and the client answered 500 rather than left waiting. */
function failed(response: ServerResponse, error: unknown): void {
  console.error(`request failed: ${error instanceof Error ? error.message : String(error)}`);
  if (response.headersSent) response.destroy();
  else {
    response.statusCode = 500;
    response.end();
  }
}

const installed = Symbol.for('barnet-decisions.request-admission');
const REQUEST_START = 'http.server.request.start';

/**
 * Wraps the request listeners of every HTTP server in this process, each at its first
 * request, with admitRequests. Once per process, whichever copy of this module calls it; the
 * function returned stops wrapping servers not yet wrapped (for tests).
 */
export function installRequestAdmission(limits: AdmissionLimits = ADMISSION_LIMITS): () => void {
  const registry = globalThis as typeof globalThis & { [installed]?: boolean };
  if (registry[installed]) return () => {};
  registry[installed] = true;
  const admitted = new WeakSet<Server>();
  const onRequestStart = (message: unknown) => {
    const { server } = message as { server: Server };
    if (admitted.has(server)) return;
    admitted.add(server);
    admitServer(server, limits);
  };
  subscribe(REQUEST_START, onRequestStart);
  return () => {
    unsubscribe(REQUEST_START, onRequestStart);
    registry[installed] = false;
  };
}

/**
 * Replaces `server`'s request listeners with one admitted listener that calls them in order.
 * Called just before the server emits a request, so that request already goes through it.
 */
export function admitServer(server: Server, limits: AdmissionLimits = ADMISSION_LIMITS): AdmittedListener {
  const listeners = server.listeners('request') as RequestListener[];
  for (const listener of listeners) server.removeListener('request', listener);
  const admitted = admitRequests(
    listeners.length === 1 ? listeners[0]! : (request, response) => Promise.all(listeners.map((listener) => listener(request, response))),
    limits,
  );
  server.on('request', admitted.listener);
  return admitted;
}
