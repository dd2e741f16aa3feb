/** /data/openapi.json as served: made once per visible set (the topics it lists come from the visible posts). */
import { vocabularyOf } from '../../filters/vocabulary';
import { CONTENT_TYPES, lastModifiedOf, makeRepresentation, type Representation } from '../../http/http-cache';
import type { DecisionIndexes } from '../../records/indexes';
import { perVisibleSet } from '../../server/per-visible-set';
import type { SiteRecords } from '../../site';
import { openApiDocument, type OpenApiDocument } from './document';

export * from './document';

type ApiRecords = Pick<SiteRecords, 'site' | 'committees' | 'projects' | 'indexes' | 'readAt'>;

const documents = perVisibleSet<DecisionIndexes, { document: OpenApiDocument; representation: Representation }>();

function entryOf(records: ApiRecords) {
  return documents(records.indexes, () => {
    const document = openApiDocument(records.site, vocabularyOf(records));
    const representation = makeRepresentation(
      `${JSON.stringify(document, null, 2)}\n`,
      CONTENT_TYPES.json,
      lastModifiedOf(records.indexes.lastModified, records.readAt),
    );
    return { document, representation };
  });
}

export const apiDocumentOf = (records: ApiRecords): OpenApiDocument => entryOf(records).document;
export const apiRepresentationOf = (records: ApiRecords): Representation => entryOf(records).representation;
