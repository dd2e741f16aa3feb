/**
 * Part of `npm run build` (prebuild, after the history): writes /data/decisions.db for the posts
 * visible now to .build/decisions.db, with its ETag beside it, which the server streams from disk
 * (lib/data/sqlite/built-file.ts) and next.config.ts copies into the standalone server.
 */
import { DATABASE_BUILD_FILE } from '../lib/data/sqlite/build-path';
import { builtDatabaseFile, writeBuiltDatabase } from '../lib/data/sqlite/built-file';
import { loadHistory } from '../lib/history/store';
import { getSiteRecords } from '../lib/site';

const started = process.hrtime.bigint();
const records = await getSiteRecords();
const built = writeBuiltDatabase(records, loadHistory(), builtDatabaseFile());
const ms = Number(process.hrtime.bigint() - started) / 1e6;
process.stdout.write(
  `Data: ${DATABASE_BUILD_FILE}, ${records.indexes.all.length} posts, ${(built.bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(ms)} ms).\n`,
);
