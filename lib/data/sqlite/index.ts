/**
 * /data/decisions.db as the route serves it: built once per visible set of posts (at build
 * time, and again only when a scheduled post goes live), with its ETag and CORS like the other
 * data files.
 */
import { londonIsoDateTime } from '../../dates';
import { changesOf } from '../../history/changes';
import { loadHistory } from '../../history/store';
import type { HistoryFile } from '../../history/types';
import { lastModifiedOf, makeRepresentation, type Representation } from '../../http/http-cache';
import type { DecisionIndexes } from '../../records/indexes';
import { perVisibleSet } from '../../server/per-visible-set';
import type { SiteRecords } from '../../site';
import { decisionsDatabase, SQLITE_CONTENT_TYPE } from './database';
import type { ChangeRow } from './columns';
import type { DatabaseRecords } from './rows';

export { DATABASE_PATH, decisionsDatabase, SQLITE_CONTENT_TYPE, writeDecisionsDatabase, type DatabaseOptions } from './database';
export { CHANGES_TABLE, databaseTables, type ChangeRow } from './columns';

export const DATABASE_FILENAME = 'decisions.db';

const representations = perVisibleSet<DecisionIndexes, Representation>();

/** The post history's changes (lib/history) as rows of the changes table, newest first. */
export function changeRows(history: Pick<HistoryFile, 'posts'>, now: Date): ChangeRow[] {
  return changesOf(history, now).map((change) => ({
    post_slug: change.post,
    item_id: change.item === null ? null : `${change.post}/${change.item}`,
    field: change.field,
    before: change.before,
    after: change.after,
    changed_at: londonIsoDateTime(change.at),
    commit_id: change.commit,
    noted: change.noted,
  }));
}

/** The database's Last-Modified: its newest post's date, or when the content was read. */
export function databaseLastModified(records: Pick<DatabaseRecords, 'indexes'> & Pick<SiteRecords, 'readAt'>): Date {
  return lastModifiedOf(records.indexes.lastModified, records.readAt);
}

export function databaseRepresentation(
  records: DatabaseRecords & Pick<SiteRecords, 'readAt' | 'visibility'>,
  history: Pick<HistoryFile, 'posts'> = loadHistory(),
): Representation {
  return representations(records.indexes, () =>
    makeRepresentation(
      decisionsDatabase(records, { changes: changeRows(history, records.visibility.now) }),
      SQLITE_CONTENT_TYPE,
      databaseLastModified(records),
      {
        'Content-Disposition': `attachment; filename="${DATABASE_FILENAME}"`,
      },
    ),
  );
}
