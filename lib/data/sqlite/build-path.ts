/**
 * Where the build writes /data/decisions.db (scripts/build.ts), relative to the project
 * folder and so to the standalone server's, into which next.config.ts copies it. A module of its
 * own so that next.config.ts can name it without loading SQLite.
 */
export const DATABASE_BUILD_FILE = '.build/decisions.db';
