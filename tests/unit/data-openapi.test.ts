/**
 * /data/openapi.json (lib/data/openapi): validated with @apidevtools/swagger-parser, a
 * validator nobody here wrote, and checked against the definitions it is made from.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTCOMES, STAGES } from '../../lib/content/schemas';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { dataPaths, decisionsJsonSchema } from '../../lib/data/export';
import { CHANGES_PATHS, openApiDocument, type OpenApiDocument } from '../../lib/data/openapi/document';
import { DATABASE_PATH } from '../../lib/data/sqlite/database';
import { FILTER_PARAMETERS, parseFilter, vocabularyOf } from '../../lib/filters/vocabulary';
import type { SiteRecords } from '../../lib/site';
import { FIXTURE_CONTENT } from '../support/content';
import { siteRecordsOf } from './helpers';

let records: SiteRecords;
let document: OpenApiDocument;

beforeAll(async () => {
  records = siteRecordsOf(collectContent(await readContentDir(FIXTURE_CONTENT)), new Date('2026-01-01T00:00:00Z'));
  document = openApiDocument(records.site, vocabularyOf(records));
  // A hook's timeout is wall clock, there for a hang: a busy machine stretches the read.
}, 180_000);

describe('the OpenAPI description', () => {
  it('is valid OpenAPI 3.1 by swagger-parser, its $refs all resolving', async () => {
    // validate() dereferences in place: give it a copy, from the JSON the route serves.
    const api = await SwaggerParser.validate(JSON.parse(JSON.stringify(document)));
    expect(api.info.title).toContain(records.site.siteTitle);
    expect((api as { openapi: string }).openapi).toMatch(/^3\.1\./);
    // The validator is awake: a reference to nothing, or an operation without answers, is refused.
    const broken = JSON.parse(JSON.stringify(document));
    broken.paths['/feed.xml'].get.parameters.push({ $ref: '#/components/parameters/nothing' });
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
    const noAnswers = JSON.parse(JSON.stringify(document));
    delete noAnswers.paths['/feed.xml'].get.responses;
    noAnswers.paths['/feed.xml'].get.parameters = [{ name: 'x' }];
    await expect(SwaggerParser.validate(noAnswers)).rejects.toThrow();
  });

  it('describes every feed, calendar and data address of the publishing contract', () => {
    const described = Object.keys(document.paths);
    for (const path of [
      '/feed.xml',
      '/atom.xml',
      '/feed.json',
      '/committees/{slug}/feed.xml',
      '/projects/{slug}/feed.xml',
      '/tags/{slug}/feed.json',
      '/meetings.ics',
      '/committees/{slug}/meetings.ics',
      dataPaths.json,
      dataPaths.csv,
      dataPaths.schema,
      DATABASE_PATH,
      ...Object.values(CHANGES_PATHS),
      '/data/openapi.json',
    ])
      expect(described).toContain(path);
  });

  it('gives each filter parameter the values the filter itself accepts, and nothing else', () => {
    const parameters = document.components.parameters;
    expect(Object.keys(parameters)).toEqual([...FILTER_PARAMETERS]);
    const values = (name: string) => ((parameters[name]!.schema.items as { enum: string[] }).enum ?? []).slice();
    expect(values('stage').sort()).toEqual([...STAGES].sort());
    expect(values('outcome').sort()).toEqual([...OUTCOMES].sort());
    expect(values('committee').sort()).toEqual([...records.committees.keys()].sort());
    expect(values('tag').sort()).toEqual([...records.indexes.byTag.keys()].sort());
    const vocabulary = vocabularyOf(records);
    for (const name of ['committee', 'project', 'tag', 'stage', 'outcome']) {
      for (const value of values(name)) expect(parseFilter(new URLSearchParams({ [name]: value }), vocabulary).ok).toBe(true);
      expect(parseFilter(new URLSearchParams({ [name]: 'no-such-value' }), vocabulary).ok).toBe(false);
    }
  });

  it('answers 304 and 400 where a filter is read, and carries the data’s own JSON Schema', () => {
    const json = document.paths[dataPaths.json]!.get;
    expect(Object.keys(json.responses)).toEqual(expect.arrayContaining(['200', '304', '400']));
    // The SQLite file reads no filter, but answers 304 like the others (lib/data/sqlite/built-file.ts).
    expect(Object.keys(document.paths[DATABASE_PATH]!.get.responses)).toEqual(['200', '304']);
    const served = decisionsJsonSchema(records.site);
    const decision = document.components.schemas.decision as { required: string[] };
    expect(decision.required).toEqual((served.$defs as Record<string, { required: string[] }>).decision!.required);
    expect(document.components.schemas.DecisionsFile!.properties).toBeDefined();
  });
});
