/**
 * `npm start`: runs the standalone server the build made (`.next/standalone/server.js`), as
 * production does (deploy/README.md): its static files and public/ copied beside it, on PORT
 * (3000 unless set) and HOSTNAME (localhost unless set; never 127.0.0.1, see deploy/README.md).
 * The server runs from its own folder, so folders named relative to where `npm start` ran
 * (the alerts' .data/, ALERTS_DATA_DIR, ALERTS_MAIL_DIR) are made absolute first and stay put.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

const root = process.cwd();
const dist = path.resolve(root, process.env.NEXT_DIST_DIR || '.next');
const standalone = path.join(dist, 'standalone');
if (!existsSync(path.join(standalone, 'server.js'))) {
  console.error(`No standalone server at ${standalone}: run npm run build first.`);
  process.exit(1);
}
// Copied once per build (BUILD_ID), into a folder of this process's own then renamed into
// place, so servers started side by side (the tests') never read a half-copied folder.
const buildId = readFileSync(path.join(dist, 'BUILD_ID'), 'utf8');
const copiedFor = path.join(standalone, '.next', 'STATIC_COPIED_FOR');
if (!existsSync(copiedFor) || readFileSync(copiedFor, 'utf8') !== buildId) {
  for (const [from, to] of [
    [path.join(dist, 'static'), path.join(standalone, '.next', 'static')],
    [path.join(root, 'public'), path.join(standalone, 'public')],
  ]) {
    if (!existsSync(from)) continue;
    const copy = `${to}.${process.pid}`;
    cpSync(from, copy, { recursive: true });
    rmSync(to, { recursive: true, force: true });
    renameSync(copy, to);
  }
  writeFileSync(copiedFor, buildId);
}

/**
 * Where to listen: HOSTNAME when it was chosen. Docker exports HOSTNAME as the container's own
 * name, which is no choice at all (the server would then answer on the container's address,
 * not on localhost:3000): a HOSTNAME equal to this machine's name is ignored.
 */
function listenHost(chosen) {
  return chosen && chosen !== hostname() ? chosen : 'localhost';
}

const absolute = (value, fallback) => (value ? path.resolve(root, value) : fallback);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: process.env.PORT || '3000',
  HOSTNAME: listenHost(process.env.HOSTNAME),
  ALERTS_DATA_DIR: absolute(process.env.ALERTS_DATA_DIR, path.join(root, '.data', 'alerts')),
  ...(process.env.ALERTS_MAIL_DIR !== undefined ? { ALERTS_MAIL_DIR: absolute(process.env.ALERTS_MAIL_DIR, '') } : {}),
};
const child = spawn(process.execPath, ['server.js'], { cwd: standalone, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
