// One schema per request shape: Fastify validates with it, @fastify/swagger documents it
// (GET /openapi.json) and the typebox type provider types the handlers from it.
import { Type } from 'typebox';

const DATE = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const COUNTRY = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 3166-1 alpha-3, e.g. PRK' });
const ACTOR_CODE = Type.String({
  pattern: '^[A-Z0-9]{1,30}\\*?$',
  description: 'CAMEO actor code; a trailing * matches a prefix (JPN*)',
});
const EVENT_CODE = Type.String({ pattern: '^\\d{1,4}\\*?$', description: 'CAMEO event code; 04* matches a prefix' });
const ROOT = Type.String({ pattern: '^\\d{2}$', description: 'CAMEO root (two digits)' });
const QUAD = Type.Integer({
  minimum: 1,
  maximum: 4,
  description: '1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict',
});
const OFFSET = Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 });

export const ErrorReply = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});

export const CodeBody = Type.Object(
  {
    text: Type.String({ minLength: 1, description: 'the article text' }),
    id: Type.Optional(Type.String({ maxLength: 500 })),
    date: Type.Optional(Type.Union([DATE, Type.Null()])),
    title: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    source: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    url: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const DocumentsQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 1000, description: 'full-text search: words AND-ed, "quoted phrases"' })),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'actor code prefix or exact name' })),
  country: Type.Optional(COUNTRY),
  source: Type.Optional(Type.String({ maxLength: 500 })),
  status: Type.Optional(Type.Union([Type.Literal('coded'), Type.Literal('failed'), Type.Literal('all')])),
  story: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'story id' })),
  duplicate_of: Type.Optional(
    Type.String({ minLength: 1, maxLength: 2000, description: 'the near-duplicate copies of this document id' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  offset: OFFSET,
});

export const StoriesQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 1000, description: 'words of the story title' })),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
  offset: OFFSET,
});

const COUNT = Type.Union([Type.Literal('unique'), Type.Literal('mentions')], {
  default: 'unique',
  description: 'count each unique event once (near-duplicate copies merged), or every mention in every copy',
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 2000 }) });

export const EventsQuery = Type.Object({
  source: Type.Optional(ACTOR_CODE),
  target: Type.Optional(ACTOR_CODE),
  source_country: Type.Optional(COUNTRY),
  target_country: Type.Optional(COUNTRY),
  dyad: Type.Optional(
    Type.String({ pattern: '^[A-Z]{3}-[A-Z]{3}$', description: 'two countries, both directions: JPN-PRK' }),
  ),
  code: Type.Optional(EVENT_CODE),
  root: Type.Optional(ROOT),
  quad_class: Type.Optional(QUAD),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  country: Type.Optional(COUNTRY),
  place: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  doc: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'document id' })),
  story: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'story id' })),
  unique: Type.Optional(
    Type.Boolean({ description: 'one row per unique event (copies in near-duplicate articles left out)' }),
  ),
  flagged: Type.Optional(
    Type.Union([Type.Literal('exclude'), Type.Literal('include'), Type.Literal('only')], {
      description: 'negated/hypothetical events: excluded by default',
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  offset: OFFSET,
});

export const SeriesQuery = Type.Object({
  a: Type.Union([COUNTRY, ACTOR_CODE], { description: 'one side: a country (JPN) or an actor code (JPNGOV, JPN*)' }),
  b: Type.Union([COUNTRY, ACTOR_CODE]),
  directed: Type.Boolean({ default: false, description: 'only a -> b (default: both directions)' }),
  interval: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month'), Type.Literal('year')], {
    default: 'month',
  }),
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  count: COUNT,
});

export const AggregateQuery = Type.Object({
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  country: Type.Optional(COUNTRY),
  code: Type.Optional(EVENT_CODE),
  root: Type.Optional(ROOT),
  quad_class: Type.Optional(QUAD),
  by: Type.Optional(Type.Union([Type.Literal('country'), Type.Literal('actor')], { description: 'top dyads only' })),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 20 }),
});

export const PlacesQuery = Type.Object({
  ...EventsQuery.properties,
  limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
});

export const ExportQuery = Type.Object({
  ...EventsQuery.properties,
  format: Type.Union([
    Type.Literal('csv'),
    Type.Literal('jsonl'),
    Type.Literal('gdelt'),
    Type.Literal('plover'),
    Type.Literal('parquet'),
  ]),
});

export const DocumentExportQuery = Type.Object({
  from: Type.Optional(DATE),
  to: Type.Optional(DATE),
  format: Type.Union([Type.Literal('csv'), Type.Literal('jsonl'), Type.Literal('parquet')]),
});
