/**
 * /data/decisions.db as the route serves it: built once per visible set of posts (at build
 * time, and again only when a scheduled post goes live), with its ETag and CORS like the other
 * data files.
 */
import { lastModifiedOf, makeRepresentation, type Representation } from '../../http/http-cache';
import type { DecisionIndexes } from '../../records/indexes';
import { perVisibleSet } from '../../server/per-visible-set';
import type { SiteRecords } from '../../site';
import { decisionsDatabase, SQLITE_CONTENT_TYPE } from './database';
import type { DatabaseRecords } from './rows';

export { DATABASE_PATH, decisionsDatabase, SQLITE_CONTENT_TYPE, type DatabaseOptions } from './database';
export { CHANGES_TABLE, databaseTables, type ChangeRow } from './columns';

export const DATABASE_FILENAME = 'decisions.db';

const representations = perVisibleSet<DecisionIndexes, Representation>();

export function databaseRepresentation(records: DatabaseRecords & Pick<SiteRecords, 'readAt'>): Representation {
  return representations(records.indexes, () =>
    makeRepresentation(decisionsDatabase(records), SQLITE_CONTENT_TYPE, lastModifiedOf(records.indexes.lastModified, records.readAt), {
      'Content-Disposition': `attachment; filename="${DATABASE_FILENAME}"`,
    }),
  );
}
