/**
 * Where the build writes /data/decisions.db (scripts/build.ts), relative to the project
 * folder and so to the standalone server's, into which next.config.ts copies it. A module of its
 * own so that next.config.ts and scripts/build.ts can name it without loading SQLite.
 */
import path from 'node:path';

export const DATABASE_BUILD_FILE = '.build/decisions.db';

/** Where the build of the project at `root` wrote the file (the server's own folder by default). */
export function builtDatabaseFile(root: string = process.cwd()): string {
  return path.join(/* turbopackIgnore: true */ root, DATABASE_BUILD_FILE);
}
