/**
 * `npm run build`: scripts/build.ts, loaded through tsx's CommonJS hook.
 *
 * That script only starts and waits for the build's steps, in processes of their own, but it
 * lives as long as the build, so its memory counts at the build's peak. tsx's ESM loader
 * (`node --import tsx`) runs in a thread of its own, a second JavaScript heap of about 25 MB;
 * the CommonJS hook compiles in this thread. The script and what it imports are CommonJS-safe
 * for that: no top-level await, and no package that is ESM only. (The content step, which
 * imports unified's packages, is started with the ESM loader: scripts/build.ts.)
 */
require('tsx/cjs');
require('./build.ts');
