/** Starts and stops standalone servers of the current build (as `npm start` runs them), with their own environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { FIXTURE_CONTENT_DIR } from './content';

export interface Server {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a server and waits until it listens with the alerts on (it fails otherwise). */
export async function startServer(port: number, env: Record<string, string>): Promise<Server> {
  let output = '';
  const child = spawn(process.execPath, ['scripts/serve-standalone.mjs'], {
    // The tests' fixture content, as the build they run was made from (npm run test:e2e).
    env: { ...process.env, NODE_ENV: 'production', CONTENT_DIR: FIXTURE_CONTENT_DIR, PORT: String(port), HOSTNAME: 'localhost', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Two minutes: on a shared two-core machine under load, the embedded database's start alone
  // has taken more than one.
  const until = Date.now() + 120_000;
  // A server that did not start is stopped before the error: left running, it would hold the
  // port (and its data folder), and the next start on that port would talk to it instead.
  const fail = (message: string): never => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
    throw new Error(message);
  };
  for (;;) {
    if (child.exitCode !== null) fail(`server on ${port} exited:\n${output}`);
    // Ready once the alerts have started too (instrumentation.ts logs it before listening ends).
    if (/alerts: not started|email alerts are off/.test(output)) fail(`server on ${port}: alerts did not start:\n${output}`);
    if (/alerts: on/.test(output)) {
      try {
        const response = await fetch(`${url}/alerts/privacy`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > until) fail(`server on ${port} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    async stop() {
      // The whole process group (the start script and the server under it), and only it, until it is gone:
      // the next server must not find the embedded database still held.
      const alive = () => {
        try {
          process.kill(-child.pid!, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (!alive()) return;
      process.kill(-child.pid!, 'SIGTERM');
      const until = Date.now() + 10_000;
      while (alive() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (alive()) process.kill(-child.pid!, 'SIGKILL');
      while (alive()) await new Promise((r) => setTimeout(r, 100));
    },
  };
}
