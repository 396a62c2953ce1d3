// The store contract as a test suite: run it against every Store implementation (SQLite now,
// PostgreSQL later) with a factory that opens a fresh, empty store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodedDocument } from '../../src/doc/types.js';
import { inputHash } from '../../src/store/rows.js';
import type { DocumentLinks, DocumentRecord, Store } from '../../src/store/types.js';
import { generateCorpus } from '../fixtures/corpus.js';

export function coded(doc: CodedDocument, pipeline = 'test', links?: DocumentLinks): DocumentRecord {
  return { status: 'coded', hash: inputHash(doc), pipeline, origin: 'fixture', doc, ...(links ? { links } : {}) };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export function storeSuite(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const docs = [...generateCorpus(60, { seed: 11, from: '2007-01-01', to: '2007-12-31' })];
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    it('stores documents once and reports new, unchanged, updated and failed', async () => {
      expect(await store.put(docs.slice(0, 3).map((d) => coded(d)))).toEqual(['new', 'new', 'new']);
      expect(await store.put(docs.slice(0, 3).map((d) => coded(d)))).toEqual(['unchanged', 'unchanged', 'unchanged']);
      const changed = { ...docs[0], title: 'A corrected headline' };
      expect(await store.put([coded(changed)])).toEqual(['updated']);
      // a new pipeline re-codes unchanged input
      expect(await store.put([coded(docs[1], 'test+events')])).toEqual(['updated']);
      const failure: DocumentRecord = {
        status: 'failed',
        hash: null,
        pipeline: 'test',
        origin: 'x.jsonl:4',
        id: 'broken-1',
        input: null,
        error: { code: 'malformed-json', message: 'not valid JSON' },
      };
      expect(await store.put([failure])).toEqual(['failed']);
      const stats = await store.stats();
      expect(stats.documents).toBe(3);
      expect(stats.failed).toBe(1);
      const got = await store.getDocument('broken-1');
      expect(got?.summary.status).toBe('failed');
      expect(got?.summary.error).toEqual({ code: 'malformed-json', message: 'not valid JSON' });
      expect((await store.listDocuments({})).total).toBe(3);
      expect((await store.listDocuments({ status: 'failed' })).items.map((d) => d.id)).toEqual(['broken-1']);
      expect((await store.listDocuments({ status: 'all' })).total).toBe(4);
      expect((await store.getDocument(docs[0].id))?.doc?.title).toBe('A corrected headline');
      const versions = await store.versions([docs[0].id, 'nope']);
      expect([...versions.keys()]).toEqual([docs[0].id]);
      expect(versions.get(docs[0].id)?.hash).toBe(inputHash(changed));
    });

    it('a failure never replaces a coded version, and a batch is all or nothing', async () => {
      await store.put([coded(docs[0])]);
      await store.put([
        {
          status: 'failed',
          hash: null,
          pipeline: 'test',
          origin: null,
          id: docs[0].id,
          input: null,
          error: { code: 'internal', message: 'boom' },
        },
      ]);
      expect((await store.getDocument(docs[0].id))?.summary.status).toBe('coded');
      const bad = { ...docs[1], events: [{ ...docs[1].events[0], goldstein: null as unknown as number }] };
      await expect(store.put([coded(docs[2]), coded(bad)])).rejects.toThrow();
      expect(await store.getDocument(docs[2].id)).toBeNull();
    });

    it('gives back the coded document exactly, and replaces its rows when it changes', async () => {
      await store.put(docs.map((d) => coded(d)));
      const got = await store.getDocument(docs[5].id);
      expect(got?.doc).toEqual(docs[5]);
      expect(Object.keys(got!.doc!)).toEqual([
        'id',
        'date',
        'title',
        'source',
        'url',
        'meta',
        'text',
        'sentences',
        'entities',
        'actors',
        'times',
        'places',
        'quotes',
        'events',
      ]);
      const before = await store.listEvents({ docId: docs[5].id, flagged: 'include' });
      expect(before.total).toBe(docs[5].events.length);
      const fewer = { ...docs[5], events: docs[5].events.slice(0, 1) };
      await store.put([coded(fewer, 'test-v2')]);
      expect((await store.listEvents({ docId: docs[5].id, flagged: 'include' })).total).toBe(1);
      expect((await store.stats()).documents).toBe(docs.length);
    });

    it('searches documents by words, phrases, dates, actors and countries, with paging', async () => {
      await store.put(docs.map((d) => coded(d)));
      const word = docs[3].actors[0].name.split(' ')[0];
      const hits = await store.listDocuments({ q: word, limit: 5 });
      const expected = docs.filter((d) => new RegExp(`\\b${word}\\b`, 'i').test(`${d.title} ${d.text}`));
      expect(hits.total).toBe(expected.length);
      expect(hits.items.length).toBe(Math.min(5, expected.length));
      expect(hits.items[0].snippet).toContain('«');
      // hostile search syntax is only words
      expect((await store.listDocuments({ q: 'NEAR( "unbalanced AND OR *' })).total).toBeGreaterThanOrEqual(0);
      const phrase = await store.listDocuments({ q: '"customs agreement"' });
      expect(phrase.total).toBe(docs.filter((d) => /customs agreement/i.test(d.text)).length);
      const summer = await store.listDocuments({ from: '2007-06-01', to: '2007-08-31', limit: 500 });
      expect(summer.total).toBe(docs.filter((d) => d.date! >= '2007-06-01' && d.date! <= '2007-08-31').length);
      expect(summer.items.every((d) => d.date! >= '2007-06-01' && d.date! <= '2007-08-31')).toBe(true);
      const dates = summer.items.map((d) => d.date!);
      expect(dates).toEqual([...dates].sort().reverse());
      const prk = await store.listDocuments({ actor: 'PRK', limit: 500 });
      expect(prk.total).toBe(docs.filter((d) => d.actors.some((a) => a.code?.startsWith('PRK'))).length);
      const byName = await store.listDocuments({ actor: 'north korea', limit: 500 });
      expect(byName.total).toBe(docs.filter((d) => d.actors.some((a) => a.name === 'North Korea')).length);
      const inMng = await store.listDocuments({ country: 'MNG', limit: 500 });
      expect(inMng.total).toBe(
        docs.filter((d) => d.actors.some((a) => a.country === 'MNG') || d.places.some((p) => p.country === 'MNG'))
          .length,
      );
      const p1 = await store.listDocuments({ limit: 7, offset: 0 });
      const p2 = await store.listDocuments({ limit: 7, offset: 7 });
      expect(p1.total).toBe(docs.length);
      expect(new Set([...p1.items, ...p2.items].map((d) => d.id)).size).toBe(14);
    });

    it('filters events by dyad, codes, quad class, dates and places; flags stay out by default', async () => {
      await store.put(docs.map((d) => coded(d)));
      const evs = docs.flatMap((d) => d.events.map((e) => ({ ...e, docId: d.id })));
      const real = evs.filter((e) => !e.negated && !e.hypothetical);
      const page = await store.listEvents({ limit: 10 });
      expect(page.total).toBe(real.length);
      expect((await store.listEvents({ flagged: 'include' })).total).toBe(evs.length);
      expect((await store.listEvents({ flagged: 'only' })).total).toBe(evs.length - real.length);
      const dyad = await store.listEvents({ dyad: ['JPN', 'PRK'], limit: 1000 });
      const expectDyad = real.filter(
        (e) =>
          (e.source?.code === 'JPN' && e.target?.code === 'PRK') ||
          (e.source?.code === 'PRK' && e.target?.code === 'JPN'),
      );
      expect(dyad.total).toBe(expectDyad.length);
      expect(dyad.total).toBeGreaterThan(0);
      const directed = await store.listEvents({ source: 'JPN', target: 'PRK', limit: 1000 });
      expect(directed.items.every((e) => e.sourceCode === 'JPN' && e.targetCode === 'PRK')).toBe(true);
      expect((await store.listEvents({ source: 'JP*' })).total).toBe(
        real.filter((e) => e.source?.code?.startsWith('JP')).length,
      );
      expect((await store.listEvents({ root: '04' })).total).toBe(real.filter((e) => e.root === '04').length);
      expect((await store.listEvents({ code: '16*' })).total).toBe(real.filter((e) => e.code.startsWith('16')).length);
      expect((await store.listEvents({ quadClass: 4 })).total).toBe(real.filter((e) => e.quadClass === 4).length);
      expect((await store.listEvents({ country: 'JPN' })).total).toBe(
        real.filter((e) => e.place?.country === 'JPN').length,
      );
      expect((await store.listEvents({ place: 'tokyo' })).total).toBe(
        real.filter((e) => e.place?.name === 'Tokyo').length,
      );
      const q3 = await store.listEvents({ from: '2007-07-01', to: '2007-09-30', limit: 1000 });
      expect(q3.total).toBe(real.filter((e) => e.date! >= '2007-07-01' && e.date! <= '2007-09-30').length);
      const one = page.items[0];
      const src = docs.find((d) => d.id === one.docId)!;
      const orig = src.events.find((e) => e.id === one.id)!;
      expect(one.trigger).toEqual(orig.trigger);
      expect(src.text.slice(one.trigger!.start, one.trigger!.end)).toBe(one.trigger!.text);
      expect(one.geonameId).toBe(src.places.find((p) => p.name === orig.place?.name)?.geonameId ?? null);
    });

    it('aggregates: dyad series per period and quad class, top actors, top dyads, places', async () => {
      await store.put(docs.map((d) => coded(d)));
      const real = docs.flatMap((d) => d.events).filter((e) => !e.negated && !e.hypothetical);
      const dyad = real.filter(
        (e) =>
          (e.source?.code === 'JPN' && e.target?.code === 'PRK') ||
          (e.source?.code === 'PRK' && e.target?.code === 'JPN'),
      );
      const monthly = await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month' });
      // month series count every event dated to a day or a month
      const precise = dyad.filter((e) => /^\d{4}-\d{2}/.test(e.date ?? ''));
      expect(monthly.reduce((s, p) => s + p.count, 0)).toBe(precise.length);
      expect(monthly.every((p) => /^\d{4}-\d{2}-01$/.test(p.period) && p.quadClass >= 1 && p.quadClass <= 4)).toBe(
        true,
      );
      const yearly = await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'year' });
      expect(yearly.reduce((s, p) => s + p.count, 0)).toBe(dyad.length);
      const weekly = await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'week' });
      expect(weekly.every((p) => new Date(`${p.period}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
      const directed = await store.eventSeries({ a: 'JPN', b: 'PRK', directed: true, interval: 'year' });
      expect(directed.reduce((s, p) => s + p.count, 0)).toBe(dyad.filter((e) => e.source?.code === 'JPN').length);
      const m = monthly.find((p) => p.quadClass === monthly[0].quadClass && p.period === monthly[0].period)!;
      const inM = precise.filter((e) => e.date!.startsWith(m.period.slice(0, 7)) && e.quadClass === m.quadClass);
      expect(m.count).toBe(inM.length);
      expect(m.goldstein).toBeCloseTo(inM.reduce((s, e) => s + e.goldstein, 0) / inM.length, 1);

      const top = await store.topActors({ limit: 3 });
      const counts = new Map<string, number>();
      for (const e of real)
        for (const side of [e.source?.code, e.target?.code]) if (side) counts.set(side, (counts.get(side) ?? 0) + 1);
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      expect(top.map((a) => [a.code, a.count])).toEqual(best.slice(0, 3));
      const dyads = await store.topDyads({ limit: 5 });
      expect(dyads[0].count).toBe(dyads[0].quad.reduce((a, b) => a + b, 0));
      expect(dyads.map((d) => d.count)).toEqual([...dyads.map((d) => d.count)].sort((a, b) => b - a));
      const places = await store.eventPlaces({});
      expect(places.reduce((s, p) => s + p.count, 0)).toBe(real.filter((e) => e.place?.lat != null).length);
    });

    it('series and top dyads stay exact through replacements, whichever table answers', async () => {
      await store.put(docs.map((d) => coded(d)));
      // replace some documents: fewer events, flipped negation, then back again for one
      const changed = docs.slice(0, 12).map((d, i) => ({
        ...d,
        events: d.events.filter((_, k) => k % 2 === i % 2).map((e) => ({ ...e, negated: !e.negated })),
      }));
      await store.put(changed.map((d) => coded(d, 'v2')));
      await store.put([coded(docs[0], 'v3')]);
      const current = [docs[0], ...changed.slice(1), ...docs.slice(12)];
      const real = current.flatMap((d) => d.events).filter((e) => !e.negated && !e.hypothetical);
      const between = (a: string, b: string) =>
        real.filter((e) => e.source?.code === a && e.target?.code === b && /^\d{4}-\d{2}/.test(e.date ?? ''));
      const total = (pts: Array<{ count: number }>) => pts.reduce((s, p) => s + p.count, 0);
      const expected = between('JPN', 'PRK').length + between('PRK', 'JPN').length;
      // month table, day table (range not on month bounds), code month table, events scan (mixed sides)
      expect(total(await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month' }))).toBe(expected);
      expect(total(await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month', from: '1990-01-02' }))).toBe(
        expected,
      );
      expect(total(await store.eventSeries({ a: 'JPN*', b: 'PRK*', interval: 'month' }))).toBe(expected);
      expect(total(await store.eventSeries({ a: 'JPN', b: 'PRK*', interval: 'month' }))).toBe(expected);
      const h1 = (
        await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month', from: '2007-01-01', to: '2007-06-30' })
      )
        .filter((p) => p.quadClass === 1)
        .map((p) => [p.period, p.count, p.goldstein]);
      const viaDays = (
        await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month', from: '2007-01-01', to: '2007-06-29' })
      )
        .filter((p) => p.quadClass === 1 && p.period < '2007-06-01')
        .map((p) => [p.period, p.count, p.goldstein]);
      expect(h1.filter((p) => (p[0] as string) < '2007-06-01')).toEqual(viaDays);
      const top = await store.topDyads({ limit: 3 });
      const pairs = new Map<string, number>();
      for (const e of real) {
        const k = `${e.source?.code}>${e.target?.code}`;
        pairs.set(k, (pairs.get(k) ?? 0) + 1);
      }
      for (const t of top) expect(t.count).toBe(pairs.get(`${t.source}>${t.target}`));
      expect(top[0].count).toBe(Math.max(...pairs.values()));
    });

    it('near-duplicate copies report the same unique events: counts, unique lists and both series modes', async () => {
      // three documents with Japan-North Korea events; two wire copies of the first, one of them
      // from another source and with a changed title (a light rewrite)
      const dyadic = docs.filter((d) =>
        d.events.some(
          (e) =>
            !e.negated &&
            !e.hypothetical &&
            /^\d{4}-\d{2}/.test(e.date ?? '') &&
            e.source?.code === 'JPN' &&
            e.target?.code === 'PRK',
        ),
      );
      const [a, b] = dyadic;
      const copy1 = { ...a, id: `${a.id}-copy1`, title: `${a.title} (update)`, source: 'Other Wire' };
      const copy2 = { ...a, id: `${a.id}-copy2` };
      await store.put([coded(a, 'test', { duplicateOf: null, story: 'st-a' }), coded(b)]);
      await store.put([
        coded(copy1, 'test', { duplicateOf: a.id, story: 'st-a' }),
        coded(copy2, 'test', { duplicateOf: a.id, story: 'st-a' }),
      ]);
      const stats = await store.stats();
      expect(stats.documents).toBe(4);
      expect(stats.duplicates).toBe(2);
      expect((await store.listDocuments({ duplicateOf: a.id })).items.map((d) => d.id).sort()).toEqual(
        [copy1.id, copy2.id].sort(),
      );
      expect((await store.getDocument(copy1.id))?.summary.duplicateOf).toBe(a.id);
      const ofA = await store.listEvents({ docId: a.id, flagged: 'include', limit: 1000 });
      expect(ofA.total).toBe(a.events.length);
      for (const e of ofA.items) {
        expect(e.numArticles).toBe(3);
        expect(e.numSources).toBe(a.source === 'Other Wire' ? 1 : 2);
        expect(e.numMentions).toBe(3 * e.mentions);
      }
      const copyEvents = await store.listEvents({ docId: copy1.id, flagged: 'include', limit: 1000 });
      expect(new Set(copyEvents.items.map((e) => e.uniqueId))).toEqual(new Set(ofA.items.map((e) => e.uniqueId)));
      const real = [...a.events, ...b.events].filter((e) => !e.negated && !e.hypothetical);
      expect((await store.listEvents({ unique: true, limit: 1 })).total).toBe(real.length);
      expect((await store.listEvents({ limit: 1 })).total).toBe(
        real.length + 2 * a.events.filter((e) => !e.negated && !e.hypothetical).length,
      );

      const total = (pts: Array<{ count: number }>) => pts.reduce((s, p) => s + p.count, 0);
      const between = (d: CodedDocument) =>
        d.events.filter(
          (e) =>
            !e.negated &&
            !e.hypothetical &&
            /^\d{4}-\d{2}/.test(e.date ?? '') &&
            ((e.source?.code === 'JPN' && e.target?.code === 'PRK') ||
              (e.source?.code === 'PRK' && e.target?.code === 'JPN')),
        );
      const uniqueCount = between(a).length + between(b).length;
      const mentionCount = (d: CodedDocument) => between(d).reduce((s, e) => s + 1 + (e.mentions?.length ?? 0), 0);
      const mentions = 3 * mentionCount(a) + mentionCount(b);
      for (const q of [
        { a: 'JPN', b: 'PRK' },
        { a: 'JPN', b: 'PRK', from: '1990-01-02' },
        { a: 'JPN*', b: 'PRK*' },
        { a: 'JPN', b: 'PRK*' },
      ]) {
        expect(total(await store.eventSeries({ ...q, interval: 'month' }))).toBe(uniqueCount);
        expect(total(await store.eventSeries({ ...q, interval: 'month', count: 'unique' }))).toBe(uniqueCount);
        expect(total(await store.eventSeries({ ...q, interval: 'month', count: 'mentions' }))).toBe(mentions);
      }
      // the first report goes away: a copy's report counts the unique event instead
      await store.put([coded({ ...a, events: [] }, 'v2', { duplicateOf: null, story: 'st-a' })]);
      expect(total(await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month' }))).toBe(uniqueCount);
      expect(total(await store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month', count: 'mentions' }))).toBe(
        2 * mentionCount(a) + mentionCount(b),
      );
      expect((await store.listEvents({ unique: true, limit: 1 })).total).toBe(real.length);
      const top = await store.topDyads({ limit: 50 });
      const jp = top.find((t) => t.source === 'JPN' && t.target === 'PRK');
      expect(jp?.count).toBe(
        [...a.events, ...b.events].filter(
          (e) => !e.negated && !e.hypothetical && e.source?.code === 'JPN' && e.target?.code === 'PRK',
        ).length,
      );
    });

    it('stories: summaries, pages with articles and a timeline of unique events, moved articles', async () => {
      const [a, b, c, d] = docs;
      await store.put([
        coded(a, 'test', { duplicateOf: null, story: 'st-1' }),
        coded({ ...a, id: `${a.id}-copy`, source: 'Copy Wire' }, 'test', { duplicateOf: a.id, story: 'st-1' }),
        coded(b, 'test', { duplicateOf: null, story: 'st-1' }),
        coded(c, 'test', { duplicateOf: null, story: 'st-2' }),
        coded(d),
      ]);
      const stats = await store.stats();
      expect(stats.stories).toBe(2);
      const list = await store.listStories({});
      expect(list.total).toBe(2);
      const s1 = list.items.find((s) => s.id === 'st-1')!;
      expect(s1.articles).toBe(3);
      expect(s1.uniqueArticles).toBe(2);
      const dates = [a.date!, b.date!].sort();
      expect([s1.firstDate, s1.lastDate]).toEqual([dates[0], dates[1]]);
      const happened = (x: CodedDocument) => x.events.filter((e) => !e.negated && !e.hypothetical).length;
      expect(s1.events).toBe(happened(a) + happened(b));
      const page = await store.getStory('st-1');
      expect(page?.documents.map((x) => x.id).sort()).toEqual([a.id, `${a.id}-copy`, b.id].sort());
      expect(page?.documents.every((x) => x.story === 'st-1')).toBe(true);
      expect(page?.timeline.length).toBe(happened(a) + happened(b));
      const days = page!.timeline.map((e) => e.date ?? '');
      expect(days.filter((x) => x)).toEqual(days.filter((x) => x).sort());
      expect(page?.summary.title).toBe(dates[0] === a.date ? a.title : b.title);
      expect((await store.listDocuments({ story: 'st-1' })).total).toBe(3);
      expect((await store.listEvents({ story: 'st-2', flagged: 'include' })).total).toBe(c.events.length);
      expect(await store.getStory('nope')).toBeNull();
      // title words and the date range
      const word = (s1.title ?? '').split(/\s+/)[0];
      expect((await store.listStories({ q: word })).items.map((s) => s.id)).toContain('st-1');
      expect((await store.listStories({ q: 'zzzqqq' })).total).toBe(0);
      expect((await store.listStories({ from: '2999-01-01' })).total).toBe(0);
      // an article moved to another story leaves the first; an empty story disappears
      await store.put([coded(c, 'v2', { duplicateOf: null, story: 'st-1' })]);
      expect(await store.getStory('st-2')).toBeNull();
      expect((await store.getStory('st-1'))?.summary.articles).toBe(4);
      expect((await store.stats()).stories).toBe(1);
    });

    it('story rows kept up as documents arrive equal a recount from their documents', async () => {
      const [a, b, c, d, e, f, g, h] = docs;
      const st = (story: string, duplicateOf: string | null = null) => ({ duplicateOf, story });
      await store.put([
        coded(a, 'test', st('st-1')),
        coded(b, 'test', st('st-1')),
        coded({ ...c, source: null }, 'test', st('st-2')),
      ]);
      await store.put([
        // a copy from another source, an article dated before all others from a source the story has
        coded({ ...a, id: `${a.id}-copy`, source: 'Copy Wire' }, 'test', st('st-1', a.id)),
        coded({ ...d, date: '2006-06-01', source: a.source }, 'test', st('st-1')),
        // undated, and one more without a source
        coded({ ...e, date: null }, 'test', st('st-2')),
        coded({ ...f, source: null }, 'test', st('st-2')),
      ]);
      // a new story from one batch: the same source twice, the earliest article last, an undated one
      await store.put([
        coded({ ...g, date: '2007-05-02', source: 'Wire One' }, 'test', st('st-3')),
        coded({ ...h, date: null, source: 'Wire One' }, 'test', st('st-3')),
        coded({ ...docs[8], date: '2007-05-01', source: 'Harbor Times' }, 'test', st('st-3')),
        coded({ ...docs[9], date: '2007-05-01', source: 'Wire Two' }, 'test', st('st-3')),
      ]);
      const rows = async () =>
        (await store.listStories({ limit: 10 })).items
          .map(({ id, title, firstDate, lastDate, articles, uniqueArticles, sources, events }) => ({
            id,
            title,
            firstDate,
            lastDate,
            articles,
            uniqueArticles,
            sources,
            events,
          }))
          .sort((x, y) => (x.id < y.id ? -1 : 1));
      const kept = await rows();
      expect(kept.map((x) => [x.id, x.articles, x.uniqueArticles, x.sources])).toEqual([
        ['st-1', 4, 3, 3],
        ['st-2', 3, 3, 3],
        ['st-3', 4, 4, 3],
      ]);
      expect(kept[0].firstDate).toBe('2006-06-01');
      expect(kept[0].title).toBe(d.title);
      // the first of the two articles of 2007-05-01 (the older one)
      expect(kept[2].title).toBe(docs[8].title);
      // a version of one article per story replaced: its stories are recounted from their documents
      await store.put([
        coded({ ...b }, 'v2', st('st-1')),
        coded({ ...f, source: null }, 'v2', st('st-2')),
        coded({ ...h, date: null, source: 'Wire One' }, 'v2', st('st-3')),
      ]);
      expect(await rows()).toEqual(kept);
    });

    it('keeps the ingest index state under a name', async () => {
      expect(await store.loadIndexState('stories')).toBeNull();
      const big = JSON.stringify({ v: 1, x: 'é'.repeat(100_000) });
      await store.saveIndexState('stories', big);
      await store.saveIndexState('other', '{}');
      expect(await store.loadIndexState('stories')).toBe(big);
      await store.saveIndexState('stories', '{"v":2}');
      expect(await store.loadIndexState('stories')).toBe('{"v":2}');
    });

    it('streams every event and document for export', async () => {
      await store.put(docs.map((d) => coded(d)));
      const evs = await all(store.iterateEvents({ flagged: 'include' }));
      expect(evs.length).toBe(docs.reduce((s, d) => s + d.events.length, 0));
      const days = evs.map((e) => e.date ?? '');
      expect(days.length).toBeGreaterThan(0);
      const full = await all(store.iterateDocuments({}, true));
      expect(full.length).toBe(docs.length);
      expect(full.find((d) => d.summary.id === docs[9].id)?.doc).toEqual(docs[9]);
      const light = await all(store.iterateDocuments({ from: '2007-06-01' }, false));
      expect(light.every((d) => d.doc === null && d.summary.date! >= '2007-06-01')).toBe(true);
    });
  });
}
