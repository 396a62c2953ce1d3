// The HTTP API and web UI over a store (Fastify; the core knows nothing of HTTP). Every route
// has a schema (validation, OpenAPI at /openapi.json, handler types). Bad parameters answer
// 400 with a message, unknown ids 404, bodies over the limit 413; requests are logged.
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { PassThrough } from 'node:stream';
import swagger from '@fastify/swagger';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Static } from 'typebox';
import { toCodedDocument } from '../doc/doc.js';
import { describeError, EventwireError } from '../errors.js';
import { type ExportFormat, type ExportWhat, runExport } from '../export/export.js';
import { checkText, decodeText } from '../ingest/decode.js';
import { isValidDay } from '../ingest/jsonl.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import { createPipeline } from '../pipeline/presets.js';
import type { EventQuery, Store } from '../store/types.js';
import {
  AggregateQuery,
  CodeBody,
  DocumentExportQuery,
  DocumentsQuery,
  EventsQuery,
  ExportQuery,
  IdParams,
  PlacesQuery,
  SeriesQuery,
  StoriesQuery,
} from './schemas.js';

export interface AppOptions {
  store: Store;
  /** Folder of the built web UI (web/dist); a notice page when missing. */
  webDir?: string | null;
  logger?: FastifyServerOptions['logger'];
  /** One line per request (method, URL, status, time), e.g. to stderr. */
  log?: ((line: string) => void) | null;
  /** Largest request body (default 2 MiB). */
  bodyLimit?: number;
  pipeline?: Pipeline;
  version?: string;
}

function badRequest(message: string): EventwireError {
  return new EventwireError('bad-request', message);
}

function checkDates(q: { from?: string; to?: string }): void {
  for (const [k, v] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (v && !isValidDay(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10)))
      throw badRequest(`querystring/${k} ${v} is not a valid date`);
  }
  if (q.from && q.to && q.from > q.to) throw badRequest(`querystring/from (${q.from}) is after to (${q.to})`);
}

function eventQuery(q: Static<typeof EventsQuery>): EventQuery {
  checkDates(q);
  return {
    source: q.source,
    target: q.target,
    sourceCountry: q.source_country,
    targetCountry: q.target_country,
    dyad: q.dyad ? (q.dyad.split('-') as [string, string]) : undefined,
    code: q.code,
    root: q.root,
    quadClass: q.quad_class,
    from: q.from,
    to: q.to,
    country: q.country,
    place: q.place,
    docId: q.doc,
    story: q.story,
    unique: q.unique,
    flagged: q.flagged,
    limit: q.limit,
    offset: q.offset,
  };
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const EXPORT_TYPES: Record<ExportFormat, [string, string]> = {
  csv: ['text/csv; charset=utf-8', 'csv'],
  jsonl: ['application/x-ndjson', 'jsonl'],
  gdelt: ['text/tab-separated-values; charset=utf-8', 'tsv'],
  plover: ['application/x-ndjson', 'plover.jsonl'],
  parquet: ['application/vnd.apache.parquet', 'parquet'],
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 2 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  if (options.log) {
    const log = options.log;
    app.addHook('onResponse', async (req, reply) => {
      const ms = reply.elapsedTime.toFixed(1);
      log(`${new Date().toISOString()} ${req.method} ${req.url} ${reply.statusCode} ${ms} ms`);
    });
  }
  let pipeline = options.pipeline ?? null;
  const getPipeline = () => {
    pipeline ??= createPipeline('full');
    return pipeline;
  };

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'eventwire API',
        version: options.version ?? '0.0.0',
        description:
          'Coded news documents, events (CAMEO/PLOVER), actors, quotes and places from an eventwire store. ' +
          'Every annotation carries the text span that supports it.',
      },
      tags: [
        { name: 'code', description: 'code an article without storing it' },
        { name: 'documents' },
        { name: 'events' },
        { name: 'stories', description: 'articles threaded into stories, near-duplicate copies grouped' },
        { name: 'aggregates' },
        { name: 'export' },
      ],
    },
  });

  // text/plain bodies go through the same checks as files: binary data, invalid UTF-8 (or the
  // declared charset) and NUL characters are refused with a 400, not coded as garbage
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (req, body, done) => {
    const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(req.headers['content-type'] ?? '')?.[1] ?? null;
    try {
      done(null, { text: decodeText(body as Buffer, { maxBytes: Number.POSITIVE_INFINITY, charset }) });
    } catch (err) {
      done(badRequest(`body: ${describeError(err).message}`), undefined);
    }
  });

  app.setErrorHandler((err: FastifyError | EventwireError | Error, req, reply) => {
    const fe = err as FastifyError;
    if (fe.validation) {
      reply.code(400).send({
        statusCode: 400,
        error: 'Bad Request',
        message: `${fe.validationContext ?? 'request'}${err.message.replace(/^(querystring|body|params)/, '')}`,
      });
      return;
    }
    if (err instanceof EventwireError) {
      const status =
        err.code === 'not-found' ? 404 : err.code === 'bad-request' || err.code === 'bad-query' ? 400 : 422;
      reply.code(status).send({
        statusCode: status,
        error: status === 404 ? 'Not Found' : status === 400 ? 'Bad Request' : 'Unprocessable Entity',
        message: err.message,
      });
      return;
    }
    const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
    if (status === 500) req.log.error(err);
    reply.code(status).send({
      statusCode: status,
      error: status === 413 ? 'Payload Too Large' : status === 500 ? 'Internal Server Error' : 'Bad Request',
      message: status === 500 ? 'internal error' : err.message,
    });
  });

  app.setNotFoundHandler((req, reply) => {
    reply
      .code(404)
      .send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', { schema: { tags: ['documents'], summary: 'ready check with store counts' } }, async () => {
    const stats = await store.stats();
    return { status: 'ok', version: options.version ?? null, store: store.location, ...stats };
  });

  app.post(
    '/api/code',
    {
      schema: {
        tags: ['code'],
        summary: 'code one article (JSON {text, date, ...} or text/plain) without storing it',
        body: CodeBody,
      },
      // bodies are checked strictly (no coercion of `5` to "5"); query strings are coerced
      validatorCompiler: TypeBoxValidatorCompiler,
    },
    async (req) => {
      const b = req.body;
      if (b.date && !isValidDay(+b.date.slice(0, 4), +b.date.slice(5, 7), +b.date.slice(8, 10)))
        throw badRequest(`body/date ${b.date} is not a valid date`);
      if (!b.text.trim()) throw badRequest('body/text is empty');
      try {
        checkText(b.text);
      } catch (err) {
        throw badRequest(`body/text: ${describeError(err).message}`);
      }
      try {
        return toCodedDocument(
          getPipeline().run({
            id: b.id ?? null,
            text: b.text,
            date: b.date ?? null,
            title: b.title ?? null,
            source: b.source ?? null,
            url: b.url ?? null,
          }),
        );
      } catch (err) {
        const d = describeError(err);
        throw new EventwireError(d.code === 'internal' ? 'internal' : 'unprocessable', d.message);
      }
    },
  );

  app.get(
    '/api/documents',
    { schema: { tags: ['documents'], summary: 'list and search documents', querystring: DocumentsQuery } },
    async (req) => {
      checkDates(req.query);
      const { duplicate_of, ...rest } = req.query;
      return store.listDocuments({ ...rest, duplicateOf: duplicate_of });
    },
  );

  app.get(
    '/api/stories',
    {
      schema: { tags: ['stories'], summary: 'stories, most recently active first', querystring: StoriesQuery },
    },
    async (req) => {
      checkDates(req.query);
      return store.listStories(req.query);
    },
  );

  app.get(
    '/api/stories/:id',
    {
      schema: {
        tags: ['stories'],
        summary: 'a story: its articles and the timeline of its unique events',
        params: IdParams,
      },
    },
    async (req) => {
      const s = await store.getStory(req.params.id);
      if (!s) throw new EventwireError('not-found', `no story with id ${JSON.stringify(req.params.id)}`);
      return s;
    },
  );

  app.get(
    '/api/documents/:id',
    { schema: { tags: ['documents'], summary: 'a stored document with all its layers', params: IdParams } },
    async (req) => {
      const d = await store.getDocument(req.params.id);
      if (!d) throw new EventwireError('not-found', `no document with id ${JSON.stringify(req.params.id)}`);
      return { ...d.summary, hash: d.hash, pipeline: d.pipeline, origin: d.origin, document: d.doc };
    },
  );

  app.get(
    '/api/events',
    { schema: { tags: ['events'], summary: 'list and filter events', querystring: EventsQuery } },
    async (req) => store.listEvents(eventQuery(req.query)),
  );

  app.get(
    '/api/aggregates/series',
    {
      schema: {
        tags: ['aggregates'],
        summary: 'events between two sides per day/week/month/year and quad class, with mean Goldstein',
        querystring: SeriesQuery,
      },
    },
    async (req) => {
      checkDates(req.query);
      const points = await store.eventSeries({
        a: req.query.a,
        b: req.query.b,
        directed: req.query.directed,
        interval: req.query.interval,
        from: req.query.from,
        to: req.query.to,
        count: req.query.count,
      });
      const { a, b, directed, interval, count } = req.query;
      return { a, b, directed, interval, count, points };
    },
  );

  const aggregate = (q: Static<typeof AggregateQuery>) => {
    checkDates(q);
    return {
      from: q.from,
      to: q.to,
      country: q.country,
      code: q.code,
      root: q.root,
      quadClass: q.quad_class,
      limit: q.limit,
    };
  };
  app.get(
    '/api/aggregates/top-actors',
    { schema: { tags: ['aggregates'], summary: 'actors in the most events', querystring: AggregateQuery } },
    async (req) => ({ items: await store.topActors(aggregate(req.query)) }),
  );
  app.get(
    '/api/aggregates/top-dyads',
    {
      schema: {
        tags: ['aggregates'],
        summary: 'source/target pairs with the most events',
        querystring: AggregateQuery,
      },
    },
    async (req) => ({ items: await store.topDyads({ ...aggregate(req.query), by: req.query.by }) }),
  );
  app.get(
    '/api/aggregates/places',
    { schema: { tags: ['aggregates'], summary: 'event locations with counts (for maps)', querystring: PlacesQuery } },
    async (req) => ({ items: await store.eventPlaces(eventQuery(req.query)) }),
  );

  const sendExport = async (
    reply: import('fastify').FastifyReply,
    what: ExportWhat,
    format: ExportFormat,
    opts: Omit<Parameters<typeof runExport>[1], 'what' | 'format'>,
  ) => {
    const [type, ext] = EXPORT_TYPES[format];
    reply.header('content-type', type);
    reply.header('content-disposition', `attachment; filename="eventwire-${what}.${ext}"`);
    if (format === 'parquet') {
      const dir = mkdtempSync(join(tmpdir(), 'ew-export-'));
      const file = join(dir, 'out.parquet');
      try {
        await runExport(store, { ...opts, what, format, file });
        reply.header('content-length', statSync(file).size);
        const stream = createReadStream(file);
        stream.on('close', () => rmSync(dir, { recursive: true, force: true }));
        return reply.send(stream);
      } catch (err) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
    const out = new PassThrough();
    runExport(store, { ...opts, what, format, out })
      .then(() => out.end())
      .catch((err) => out.destroy(err));
    return reply.send(out);
  };

  app.get(
    '/api/export/events',
    {
      schema: {
        tags: ['export'],
        summary: 'events as CSV, JSONL, GDELT TSV, PLOVER JSONL or Parquet',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const { limit: _l, offset: _o, ...events } = eventQuery({ ...req.query, limit: 1, offset: 0 });
      return sendExport(reply, 'events', req.query.format, { events });
    },
  );
  app.get(
    '/api/export/documents',
    { schema: { tags: ['export'], summary: 'documents as CSV, JSONL or Parquet', querystring: DocumentExportQuery } },
    async (req, reply) => {
      checkDates(req.query);
      return sendExport(reply, 'documents', req.query.format, { from: req.query.from, to: req.query.to });
    },
  );

  // the web UI: static files of web/dist
  const webDir = options.webDir ? resolve(options.webDir) : null;
  const hasUi = webDir !== null && existsSync(join(webDir, 'index.html'));
  app.get('/*', { schema: { hide: true } }, async (req, reply) => {
    const path = decodeURIComponent(req.url.split('?')[0]);
    if (path.startsWith('/api/')) return reply.callNotFound();
    if (!hasUi) {
      if (path !== '/') return reply.callNotFound();
      return reply
        .type('text/html; charset=utf-8')
        .send(
          '<!doctype html><title>eventwire</title><p>The web UI is not built. Run <code>npm run build</code>.</p><p>The API is at <a href="/openapi.json">/openapi.json</a>.</p>',
        );
    }
    const rel = path === '/' ? 'index.html' : normalize(path).replace(/^[/\\]+/, '');
    const file = resolve(webDir!, rel);
    if (!file.startsWith(webDir! + sep) || !existsSync(file) || !statSync(file).isFile()) return reply.callNotFound();
    reply.type(MIME[extname(file)] ?? 'application/octet-stream');
    reply.header('cache-control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(createReadStream(file));
  });

  return app;
}
