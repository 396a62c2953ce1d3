// biome-ignore-all lint/suspicious/noExplicitAny: JSON bodies of the responses under test
// The API against a real server on loopback, over a store of generated coded documents.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { coded } from '../store/suite.js';

const docs = [...generateCorpus(80, { seed: 21 })];
const real = docs.flatMap((d) => d.events.map((e) => ({ ...e, doc: d }))).filter((e) => !e.negated && !e.hypothetical);
let app: FastifyInstance;
let base: string;
let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'ew-api-')), 'api.db'));
  await store.put(docs.map((d) => coded(d)));
  app = await buildApp({ store, webDir: null, version: '9.9.9' });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

async function get(path: string): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const r = await fetch(`${base}${path}`);
  const text = await r.text();
  let body: any = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, body, headers: r.headers, text };
}

describe('API', () => {
  it('health, OpenAPI and the UI fallback', async () => {
    const h = await get('/api/health');
    expect(h.status).toBe(200);
    expect(h.body).toMatchObject({ status: 'ok', version: '9.9.9', documents: docs.length });
    const o = await get('/openapi.json');
    expect(o.status).toBe(200);
    expect(o.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/code',
      '/api/documents',
      '/api/documents/{id}',
      '/api/events',
      '/api/stories',
      '/api/stories/{id}',
      '/api/aggregates/series',
      '/api/aggregates/top-actors',
      '/api/aggregates/top-dyads',
      '/api/aggregates/places',
      '/api/export/events',
      '/api/export/documents',
    ])
      expect(Object.keys(o.body.paths)).toContain(p);
    expect(o.body.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name)).toContain('dyad');
    const ui = await get('/');
    expect(ui.status).toBe(200);
    expect(ui.text).toMatch(/npm run build/);
  });

  it('codes a posted article without storing it (JSON and text/plain)', async () => {
    const r = await fetch(`${base}/api/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: 'Japan and North Korea met in Mongolia on Thursday. Talks ended.',
        date: '2007-09-06',
      }),
    });
    expect(r.status).toBe(200);
    const doc = (await r.json()) as Record<string, any>;
    expect(doc.date).toBe('2007-09-06');
    expect(doc.sentences.length).toBe(2);
    for (const k of ['entities', 'actors', 'times', 'places', 'quotes', 'events'])
      expect(Array.isArray(doc[k])).toBe(true);
    const t = await fetch(`${base}/api/code`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'China praised Japan.',
    });
    expect(t.status).toBe(200);
    expect(((await t.json()) as { text: string }).text).toBe('China praised Japan.');
    const post = (type: string, body: Uint8Array | string) =>
      fetch(`${base}/api/code`, { method: 'POST', headers: { 'content-type': type }, body });
    const png = await post('text/plain', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(png.status).toBe(400);
    expect(((await png.json()) as { message: string }).message).toMatch(/binary/);
    const latin1 = new Uint8Array([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' owners protested.')]);
    const bad = await post('text/plain', latin1);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/invalid UTF-8/);
    const declared = await post('text/plain; charset=iso-8859-1', latin1);
    expect(declared.status).toBe(200);
    expect(((await declared.json()) as { text: string }).text).toBe('Caf\u00e9 owners protested.');
    const nul = await post('application/json', JSON.stringify({ text: 'China\u0000 praised Japan.' }));
    expect(nul.status).toBe(400);
    expect((await get('/api/health')).body.documents).toBe(docs.length);
  });

  it('lists and searches documents with pagination; gets one with every layer', async () => {
    const all = await get('/api/documents?limit=10&offset=10');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: docs.length, limit: 10, offset: 10 });
    expect(all.body.items).toHaveLength(10);
    const name = docs[0].actors.find((a) => a.kind === 'person')?.name ?? docs[0].actors[0].name;
    const q = await get(`/api/documents?q=${encodeURIComponent(`"${name}"`)}`);
    expect(q.body.total).toBe(docs.filter((d) => d.text.includes(name)).length);
    const f = await get('/api/documents?from=2007-03-01&to=2007-05-31&country=PRK&actor=JPN');
    expect(f.status).toBe(200);
    expect(f.body.items.every((d: { date: string }) => d.date >= '2007-03-01' && d.date <= '2007-05-31')).toBe(true);
    const one = await get(`/api/documents/${encodeURIComponent(docs[2].id)}`);
    expect(one.status).toBe(200);
    expect(one.body.document).toEqual(docs[2]);
    expect(one.body).toMatchObject({ id: docs[2].id, status: 'coded', story: null, duplicateOf: null });
  });

  it('filters events and aggregates them', async () => {
    const ev = await get('/api/events?dyad=JPN-PRK&limit=5');
    const dyad = real.filter((e) => [e.source?.code, e.target?.code].sort().join() === 'JPN,PRK');
    expect(ev.body.total).toBe(dyad.length);
    expect(ev.body.items).toHaveLength(Math.min(5, dyad.length));
    const e0 = ev.body.items[0];
    const src = docs.find((d) => d.id === e0.docId)!;
    expect(src.text.slice(e0.trigger.start, e0.trigger.end)).toBe(e0.trigger.text);
    const coded = await get('/api/events?source=JPN&target=PRK&code=0*&quad_class=1&from=2007-01-01&to=2008-12-31');
    expect(
      coded.body.items.every((e: any) => e.sourceCode === 'JPN' && e.code.startsWith('0') && e.quadClass === 1),
    ).toBe(true);
    expect((await get('/api/events?root=19&country=UKR&place=Kyiv&flagged=include')).status).toBe(200);
    expect((await get(`/api/events?doc=${encodeURIComponent(docs[1].id)}&flagged=include`)).body.total).toBe(
      docs[1].events.length,
    );
    const series = await get('/api/aggregates/series?a=JPN&b=PRK&interval=month');
    expect(series.status).toBe(200);
    expect(series.body.points.reduce((s: number, p: any) => s + p.count, 0)).toBe(
      dyad.filter((e) => /^\d{4}-\d{2}/.test(e.date ?? '')).length,
    );
    const week = await get('/api/aggregates/series?a=JPN*&b=PRK&interval=week&directed=true');
    expect(week.status).toBe(200);
    const actors = await get('/api/aggregates/top-actors?limit=3');
    expect(actors.body.items).toHaveLength(3);
    expect(actors.body.items[0].count).toBeGreaterThanOrEqual(actors.body.items[2].count);
    const dyads = await get('/api/aggregates/top-dyads?limit=5&by=country');
    expect(dyads.body.items[0]).toHaveProperty('quad');
    const places = await get('/api/aggregates/places?dyad=JPN-PRK');
    expect(places.body.items.reduce((s: number, p: any) => s + p.count, 0)).toBe(dyad.filter((e) => e.place).length);
  });

  it('exports events and documents', async () => {
    const csv = await get('/api/export/events?format=csv&dyad=JPN-PRK');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/eventwire-events\.csv/);
    const dyadAll = docs
      .flatMap((d) => d.events)
      .filter((e) => [e.source?.code, e.target?.code].sort().join() === 'JPN,PRK');
    expect(csv.text.trim().split('\n').length - 1).toBe(dyadAll.length);
    // exports keep negated and hypothetical events, flagged in their columns
    const everything = await get('/api/export/events?format=jsonl');
    const all = docs.flatMap((d) => d.events);
    expect(all.some((e) => e.negated)).toBe(true);
    expect(everything.text.trim().split('\n').length).toBe(all.length);
    const gdelt = await get('/api/export/events?format=gdelt');
    expect(gdelt.text.split('\n')[1].split('\t')).toHaveLength(61);
    const plover = await get('/api/export/events?format=plover&root=04');
    expect(
      plover.text
        .trim()
        .split('\n')
        .every((l) => JSON.parse(l).event[0] === 'CONSULT' || JSON.parse(l).event[0] === 'AGREE'),
    ).toBe(true);
    const pq = await fetch(`${base}/api/export/events?format=parquet`);
    expect(pq.status).toBe(200);
    expect(
      Buffer.from(await pq.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('PAR1');
    const dj = await get('/api/export/documents?format=jsonl');
    expect(dj.text.trim().split('\n')).toHaveLength(docs.length);
  });

  it('answers 400 with a message for bad parameters', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/api/documents?limit=0', /limit/],
      ['/api/documents?limit=abc', /limit/],
      ['/api/documents?from=2007-02-31', /from .* not a valid date/],
      ['/api/documents?from=2008-01-01&to=2007-01-01', /after/],
      ['/api/documents?status=maybe', /status/],
      ['/api/documents?country=japan', /country/],
      ['/api/events?dyad=JPN', /dyad/],
      ['/api/events?quad_class=7', /quad_class/],
      ['/api/events?code=abc', /code/],
      ['/api/events?offset=-1', /offset/],
      ['/api/aggregates/series?a=JPN', /b/],
      ['/api/aggregates/series?a=JPN&b=PRK&interval=fortnight', /interval/],
      ['/api/aggregates/top-dyads?by=planet', /by/],
      ['/api/export/events?format=xls', /format/],
      ['/api/documents?q=%22%22', /no words/],
    ];
    for (const [path, re] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(400);
      expect(r.body.message, path).toMatch(re);
      expect(r.body.error).toBe('Bad Request');
    }
    const post = async (body: string, type = 'application/json') =>
      fetch(`${base}/api/code`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const body of [
      '{"text": 5}',
      '{}',
      '{"text":"x","date":"yesterday"}',
      '{"text":"ok","extra":1}',
      '{not json',
    ]) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      expect(((await r.json()) as { message: string }).message, body).toBeTruthy();
    }
    const empty = await post('{"text":"   "}');
    expect(empty.status).toBe(400);
  });

  it('answers 413 for huge bodies and 404 for unknown ids and routes', async () => {
    const huge = await fetch(`${base}/api/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Talks resumed. '.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { message: string }).message).toMatch(/too large|exceeds|body/i);
    const missing = await get('/api/documents/no-such-document');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/no document with id "no-such-document"/);
    const route = await get('/api/nothing-here');
    expect(route.status).toBe(404);
    expect((await get('/../../etc/passwd')).status).toBe(404);
  });
});

describe('API: stories and near-duplicates', () => {
  it('lists stories, shows a story page, counts series per unique event or per mention', async () => {
    const s = new SqliteStore(':memory:');
    const [a, b] = docs.filter((d) =>
      d.events.some((e) => !e.negated && !e.hypothetical && e.source?.code === 'JPN' && e.target?.code === 'PRK'),
    );
    await s.put([
      coded(a, 'test', { duplicateOf: null, story: 'st-1' }),
      coded({ ...a, id: `${a.id}-copy`, source: 'Other Wire' }, 'test', { duplicateOf: a.id, story: 'st-1' }),
      coded(b, 'test', { duplicateOf: null, story: 'st-2' }),
    ]);
    // a second real server on loopback over this store
    const api = await buildApp({ store: s, webDir: null });
    const root = await api.listen({ host: '127.0.0.1', port: 0 });
    const get = async (url: string) => {
      const r = await fetch(`${root}${url}`);
      return { status: r.status, body: (await r.json()) as any };
    };
    const list = await get('/api/stories');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const page = await get('/api/stories/st-1');
    expect(page.status).toBe(200);
    expect(page.body.summary).toMatchObject({ id: 'st-1', articles: 2, uniqueArticles: 1 });
    expect(page.body.documents.map((d: any) => d.id).sort()).toEqual([a.id, `${a.id}-copy`].sort());
    expect(page.body.timeline.every((e: any) => e.numArticles === 2)).toBe(true);
    const missing = await get('/api/stories/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/no story with id "nope"/);
    for (const [url, re] of [
      ['/api/stories?from=2007-02-30', /from .* not a valid date/],
      ['/api/stories?limit=0', /limit/],
      ['/api/stories?limit=501', /limit/],
      ['/api/stories?from=2008-01-01&to=2007-01-01', /after/],
      ['/api/events?unique=maybe', /unique/],
      ['/api/events?flagged=sometimes', /flagged/],
      ['/api/documents?story=', /story/],
      ['/api/aggregates/series?a=JPN&b=PRK&count=articles', /count/],
    ] as Array<[string, RegExp]>) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(r.body.message, url).toMatch(re);
    }
    // a story's documents and copies page by page
    const listed = await get('/api/stories?limit=1');
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.total).toBe(2);
    const copies = await get(`/api/documents?duplicate_of=${encodeURIComponent(a.id)}`);
    expect(copies.body.items.map((d: any) => d.id)).toEqual([`${a.id}-copy`]);
    expect((await get('/api/documents?story=st-2')).body.total).toBe(1);
    const all = await get('/api/events?limit=1');
    const unique = await get('/api/events?limit=1&unique=true');
    expect(unique.body.total).toBeLessThan(all.body.total);
    expect((await get('/api/events?story=st-2&flagged=include')).body.total).toBe(b.events.length);
    const sum = (r: any) => r.body.points.reduce((t: number, p: any) => t + p.count, 0);
    const perEvent = await get('/api/aggregates/series?a=JPN&b=PRK&interval=year');
    const perMention = await get('/api/aggregates/series?a=JPN&b=PRK&interval=year&count=mentions');
    expect(perEvent.body.count).toBe('unique');
    expect(sum(perMention)).toBeGreaterThan(sum(perEvent));
    await api.close();
    await s.close();
  });
});
