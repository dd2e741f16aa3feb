/**
 * /data/openapi.json: an OpenAPI 3.1 description of every feed and data address, made from the
 * definitions the routes themselves use: the filter parameters and the values each accepts
 * (lib/filters/vocabulary.ts, the schema a request is checked against), the records' JSON
 * Schemas (decisionsJsonSchema, the one /data/decisions.schema.json serves), the content types
 * (lib/http/http-cache.ts) and the paths (lib/urls.ts, lib/feeds). The readable reference at
 * /data/api is rendered from this same object. Pure.
 */
import { CALENDAR_DATE_PATTERN } from '../../content/schemas';
import { FEED_FILES, FEED_FORMATS, type FeedFormat } from '../../feeds/build';
import { acceptedValues, FILTER_MEANINGS, FILTER_PARAMETERS, MAX_VALUES, type FilterParameter, type FilterVocabulary } from '../../filters/vocabulary';
import { CONTENT_TYPES } from '../../http/http-cache';
import type { Site } from '../../content/types';
import { absoluteUrl, paths } from '../../urls';
import { dataPaths, decisionsJsonSchema } from '../export';
import type { JsonSchema } from '../fields';
import { DATABASE_PATH, SQLITE_CONTENT_TYPE } from '../sqlite/database';
import { changesFileJsonSchema } from '../../history/data';

export const OPENAPI_PATH = `${paths.data()}/openapi.json`;
export const API_PAGE_PATH = `${paths.data()}/api`;

export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string; license: { name: string; url: string } };
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, { get: Operation; parameters?: Parameter[] }>;
  components: {
    parameters: Record<string, Parameter>;
    headers: Record<string, { description: string; schema: JsonSchema }>;
    responses: Record<string, Response>;
    schemas: Record<string, JsonSchema>;
  };
};

export interface Parameter {
  name: string;
  in: 'query' | 'path';
  description: string;
  required?: boolean;
  style?: 'form' | 'simple';
  explode?: boolean;
  schema: JsonSchema;
}

export interface Response {
  description: string;
  headers?: Record<string, { $ref: string }>;
  content?: Record<string, { schema: JsonSchema }>;
}

export interface Operation {
  operationId: string;
  tags: string[];
  summary: string;
  description: string;
  parameters?: ({ $ref: string } | Parameter)[];
  responses: Record<string, Response | { $ref: string }>;
}

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim();
const sorted = (values: Iterable<string>) => [...values].sort();

/** A filter parameter: repeatable (`?outcome=approved&outcome=deferred`), each value from its list. */
function filterParameter(name: FilterParameter, vocabulary: FilterVocabulary): Parameter {
  const description = `Only decisions ${FILTER_MEANINGS[name]}.`;
  if (name === 'from' || name === 'to') {
    return { name, in: 'query', description, schema: { type: 'string', format: 'date', pattern: CALENDAR_DATE_PATTERN, examples: ['2011-06-30'] } };
  }
  const values = sorted(acceptedValues(vocabulary)[name]());
  return {
    name,
    in: 'query',
    description: `${description} Repeat it for either value (at most ${MAX_VALUES}).`,
    style: 'form',
    explode: true,
    schema: { type: 'array', maxItems: MAX_VALUES, items: values.length > 0 ? { type: 'string', enum: values } : { type: 'string', not: {} } },
  };
}

const filterRefs = () => FILTER_PARAMETERS.map((name) => ({ $ref: `#/components/parameters/${name}` }));

/** `#/$defs/x` in a standalone JSON Schema becomes `#/components/schemas/x` here, where its definitions live. */
function rehomed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rehomed);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== '$defs' && key !== '$id' && key !== '$schema')
      .map(([key, value]) => [key, key === '$ref' && typeof value === 'string' ? value.replace('#/$defs/', '#/components/schemas/') : rehomed(value)]),
  );
}

const FEED_TYPES: Record<FeedFormat, { type: string; name: string; schema: JsonSchema }> = {
  rss: { type: mediaType(CONTENT_TYPES.rss), name: 'RSS 2.0', schema: { type: 'string' } },
  atom: { type: mediaType(CONTENT_TYPES.atom), name: 'Atom 1.0 (RFC 4287)', schema: { type: 'string' } },
  json: { type: mediaType(CONTENT_TYPES.jsonFeed), name: 'JSON Feed 1.1 (https://jsonfeed.org/version/1.1)', schema: { type: 'object' } },
};

function ok(description: string, type: string, schema: JsonSchema): Response {
  return {
    description,
    headers: {
      ETag: { $ref: '#/components/headers/ETag' },
      'Last-Modified': { $ref: '#/components/headers/Last-Modified' },
      'Access-Control-Allow-Origin': { $ref: '#/components/headers/Access-Control-Allow-Origin' },
    },
    content: { [type]: { schema } },
  };
}

const CONDITIONAL = { '304': { $ref: '#/components/responses/NotModified' } };
const FILTERED = { ...CONDITIONAL, '400': { $ref: '#/components/responses/BadFilter' }, '308': { $ref: '#/components/responses/NormalAddress' } };
const NOT_FOUND = { '404': { $ref: '#/components/responses/NotFound' } };

function operation(
  id: string,
  tag: string,
  summary: string,
  description: string,
  responses: Operation['responses'],
  parameters?: Operation['parameters'],
): Operation {
  return { operationId: id, tags: [tag], summary, description, ...(parameters ? { parameters } : {}), responses };
}

/** Paths the changes feeds and data take (the publishing contract): described here, served by the post history. */
export const CHANGES_PATHS = { atom: '/changes.xml', jsonFeed: '/changes.json', json: `${paths.data()}/changes.json`, csv: `${paths.data()}/changes.csv` };

export function openApiDocument(site: Pick<Site, 'baseUrl' | 'siteTitle' | 'licence' | 'councilName'>, vocabulary: FilterVocabulary): OpenApiDocument {
  const decisionsSchema = decisionsJsonSchema(site);
  const slugParameter = (what: string, values: Iterable<string>): Parameter => ({
    name: 'slug',
    in: 'path',
    required: true,
    description: `The ${what}'s permanent name.`,
    schema: { type: 'string', enum: sorted(values) },
  });
  const pathsOut: OpenApiDocument['paths'] = {};

  for (const format of FEED_FORMATS) {
    const { type, name, schema } = FEED_TYPES[format];
    const file = FEED_FILES[format];
    pathsOut[`/${file}`] = {
      get: operation(
        `siteFeed_${format}`,
        'Feeds',
        `Every decision as ${name}`,
        `The newest posts, with at least one decision that matches the filters when any are given. Corrections move a post's updated time.`,
        { '200': ok(`The feed, ${name}.`, type, schema), ...FILTERED },
        filterRefs(),
      ),
    };
    for (const [kind, what, values] of [
      ['committees', 'decision maker', vocabulary.committees.keys()],
      ['projects', 'project', vocabulary.projects.keys()],
      ['tags', 'topic', vocabulary.tags.keys()],
    ] as const) {
      pathsOut[`/${kind}/{slug}/${file}`] = {
        parameters: [slugParameter(what, values)],
        get: operation(`${kind}Feed_${format}`, 'Feeds', `One ${what}'s decisions as ${name}`, `The newest posts of one ${what}.`, {
          '200': ok(`The feed, ${name}.`, type, schema),
          ...CONDITIONAL,
          ...NOT_FOUND,
        }),
      };
    }
  }

  const calendar = mediaType('text/calendar; charset=utf-8');
  pathsOut[paths.meetingsCalendar()] = {
    get: operation('meetingsCalendar', 'Calendars', 'Every meeting as iCalendar', 'Every meeting, past and upcoming, as iCalendar (RFC 5545) events.', {
      '200': ok('The calendar.', calendar, { type: 'string' }),
      ...CONDITIONAL,
    }),
  };
  pathsOut['/committees/{slug}/meetings.ics'] = {
    parameters: [slugParameter('decision maker', vocabulary.committees.keys())],
    get: operation('committeeMeetingsCalendar', 'Calendars', 'One body’s meetings as iCalendar', 'The meetings of one decision maker.', {
      '200': ok('The calendar.', calendar, { type: 'string' }),
      ...CONDITIONAL,
      ...NOT_FOUND,
    }),
  };

  pathsOut[dataPaths.json] = {
    get: operation(
      'decisionsJson',
      'Data',
      'Every decision item as JSON',
      'One record per decision item, newest post first, items in their post’s order. Drafts and scheduled posts are never included.',
      { '200': ok('The decisions.', mediaType(CONTENT_TYPES.json), { $ref: '#/components/schemas/DecisionsFile' }), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[dataPaths.csv] = {
    get: operation(
      'decisionsCsv',
      'Data',
      'Every decision item as CSV',
      'The same records as the JSON, one row each (RFC 4180, UTF-8 with a byte-order mark); the columns are the fields of the Decision schema, in its order.',
      { '200': ok('The decisions, as a spreadsheet.', mediaType(CONTENT_TYPES.csv), { type: 'string' }), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[dataPaths.schema] = {
    get: operation('decisionsSchema', 'Data', 'The JSON Schema of decisions.json', 'JSON Schema draft 2020-12.', {
      '200': ok('The schema.', mediaType(CONTENT_TYPES.json), { type: 'object' }),
      ...CONDITIONAL,
    }),
  };
  pathsOut[DATABASE_PATH] = {
    get: operation(
      'decisionsDatabase',
      'Data',
      'The whole record as one SQLite file',
      'Tables posts, items, bodies, projects, meetings, documents and changes, joined by foreign keys; a full-text index (posts_fts) over titles, summaries, subjects and post text; views decisions, outcomes_by_body and project_timelines. Opens in Datasette and Datasette Lite.',
      { '200': ok('The database.', SQLITE_CONTENT_TYPE, { type: 'string', contentMediaType: SQLITE_CONTENT_TYPE }), ...CONDITIONAL },
    ),
  };
  const changes = 'Every change to a published post (new, corrected, silently edited, withdrawn), newest first.';
  pathsOut[CHANGES_PATHS.atom] = {
    get: operation(
      'changesAtom',
      'Changes',
      'Every change as Atom',
      changes,
      { '200': ok('The feed, Atom 1.0.', FEED_TYPES.atom.type, { type: 'string' }), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[CHANGES_PATHS.jsonFeed] = {
    get: operation(
      'changesJsonFeed',
      'Changes',
      'Every change as JSON Feed',
      changes,
      { '200': ok('The feed, JSON Feed 1.1.', FEED_TYPES.json.type, { type: 'object' }), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[CHANGES_PATHS.json] = {
    get: operation(
      'changesJson',
      'Changes',
      'Every change as JSON',
      `${changes} One record per field changed: post, item, field, before, after, when (London time), commit, and whether the post's updates noted it.`,
      { '200': ok('The changes.', mediaType(CONTENT_TYPES.json), changesFileJsonSchema() as JsonSchema), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[CHANGES_PATHS.csv] = {
    get: operation(
      'changesCsv',
      'Changes',
      'Every change as CSV',
      `${changes} The same records as the JSON, one row each.`,
      { '200': ok('The changes, as a spreadsheet.', mediaType(CONTENT_TYPES.csv), { type: 'string' }), ...FILTERED },
      filterRefs(),
    ),
  };
  pathsOut[OPENAPI_PATH] = {
    get: operation('openApi', 'Data', 'This description', 'OpenAPI 3.1, in JSON. A readable version is at /data/api.', {
      '200': ok('This document.', mediaType(CONTENT_TYPES.json), { type: 'object' }),
      ...CONDITIONAL,
    }),
  };

  const defs = (decisionsSchema.$defs ?? {}) as Record<string, JsonSchema>;
  return {
    openapi: '3.1.1',
    info: {
      title: `${site.siteTitle}: feeds and open data`,
      version: '1',
      description: `Every published decision of ${site.councilName} as feeds, calendars and open data. No key or sign-in; every address answers cross-origin requests (Access-Control-Allow-Origin: *). Addresses are permanent.`,
      license: { name: site.licence.name, url: site.licence.url },
    },
    servers: [{ url: absoluteUrl(site.baseUrl, '/').replace(/\/$/, '') }],
    tags: [
      { name: 'Feeds', description: 'New decisions as they are published, for feed readers.' },
      { name: 'Calendars', description: 'Meetings, for calendar apps.' },
      { name: 'Data', description: 'Every decision at once, for spreadsheets, databases and code.' },
      { name: 'Changes', description: 'Every change to the record, as feeds and data.' },
    ],
    paths: pathsOut,
    components: {
      parameters: Object.fromEntries(FILTER_PARAMETERS.map((name) => [name, filterParameter(name, vocabulary)])),
      headers: {
        ETag: { description: 'A strong validator: a hash of the exact bytes. Send it back as If-None-Match.', schema: { type: 'string' } },
        'Last-Modified': { description: 'When the content last changed, or the server read it.', schema: { type: 'string' } },
        'Access-Control-Allow-Origin': { description: 'Always `*`: any site or notebook may read it.', schema: { type: 'string', const: '*' } },
      },
      responses: {
        NotModified: { description: 'Not modified: the copy named by If-None-Match (or If-Modified-Since) is still current. No body.' },
        BadFilter: {
          description: 'A filter value that does not exist: the plain-text message names the parameter and lists the values it accepts.',
          content: { 'text/plain': { schema: { type: 'string' } } },
        },
        NormalAddress: { description: 'The same view written another way: redirects to the address the site writes (parameters in order, values sorted).' },
        NotFound: { description: 'No such feed or calendar.', content: { 'text/plain': { schema: { type: 'string' } } } },
      },
      schemas: {
        DecisionsFile: { ...(rehomed(decisionsSchema) as JsonSchema), externalDocs: { url: absoluteUrl(site.baseUrl, dataPaths.schema) } },
        ...Object.fromEntries(Object.entries(defs).map(([name, schema]) => [name, rehomed(schema) as JsonSchema])),
      },
    },
  };
}
