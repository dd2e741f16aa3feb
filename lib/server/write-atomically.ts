/**
 * Writes a file whole, then renames it into place, so that a reader (a server, another build, the
 * next check) sees the old file or the new one, never half of one. The folder is made if needed;
 * on failure the temporary file is removed and the error thrown (the caches catch it: a read-only
 * or full disk means the cache is simply not used).
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeFileAtomically(target: string, data: string | Uint8Array): void {
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(/* turbopackIgnore: true */ target), { recursive: true });
    writeFileSync(/* turbopackIgnore: true */ temporary, data);
    renameSync(/* turbopackIgnore: true */ temporary, target);
  } catch (error) {
    try {
      rmSync(/* turbopackIgnore: true */ temporary, { force: true });
    } catch {
      // The error that matters is the write's.
    }
    throw error;
  }
}
