// @ts-check
/**
 * autocannon over a list of paths, in a process of its own (scripts/bench/http.ts, loadTestPaths):
 * the command line takes one URL, and a server that answers one repeated address tells little
 * about one that answers many. Every request takes the next path of the list (whichever
 * connection sends it), so the paths are asked for in turn, again and again. Prints autocannon's
 * result as JSON on stdout.
 *
 * Arguments: a JSON object { base, paths, connections, seconds, timeoutSeconds }.
 */
import autocannon from 'autocannon';

const { base, paths, connections, seconds, timeoutSeconds } = JSON.parse(process.argv[2] ?? '{}');
/** @type {Array<{ method: 'GET'; path: string }>} */
const requests = paths.map((/** @type {string} */ p) => ({ method: 'GET', path: p }));
let next = 0;
const instance = autocannon(
  {
    url: base,
    connections,
    duration: seconds,
    timeout: timeoutSeconds,
    // One request object per connection, its path chosen on each request: the connections walk
    // the list together, so every path is asked for, again and again, in turn.
    requests: [
      {
        method: 'GET',
        setupRequest: (/** @type {Record<string, unknown>} */ request) => ({ ...request, path: requests[next++ % requests.length].path }),
      },
    ],
  },
  (/** @type {Error | null} */ error, /** @type {unknown} */ result) => {
    if (error) {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
);
process.on('SIGTERM', () => instance.stop());
