// Query latency on a store of 1 million events: dyad time series and event filters (target:
// p95 <= 50 ms), plus top actors/dyads, map places and full-text search for reference. The
// store is generated once from the coded-document fixture generator (seeded) and kept in
// .eventwire-tmp/ for re-runs (--fresh rebuilds it).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { CodedDocument } from '../src/doc/types.js';
import { inputHash } from '../src/store/rows.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import type { DocumentRecord, EventQuery } from '../src/store/types.js';
import { COUNTRIES, generateDocument, rng } from '../test/fixtures/corpus.js';
import { type Bench, repoDir, table } from './lib.js';

async function buildStore(path: string, events: number): Promise<{ docs: number; seconds: number }> {
  rmSync(path, { force: true });
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  const t0 = performance.now();
  const store = new SqliteStore(path);
  const r = rng(2024);
  const from = Date.parse('2000-01-01T00:00:00Z');
  const to = Date.parse('2019-12-31T00:00:00Z');
  let n = 0;
  let docs = 0;
  let last: CodedDocument | null = null;
  // secondary indexes and the full-text index are built once at the end (see bulkLoad)
  await store.bulkLoad(async () => {
    while (n < events) {
      const batch: DocumentRecord[] = [];
      for (let i = 0; i < 2000 && n < events; i++) {
        // a quarter of the articles are near-duplicate copies of the one before (another wire
        // running the same story): their events are mentions of unique events already stored
        if (last && r() < 0.25) {
          const copy = { ...last, id: `${last.id}-copy${docs++}`, source: 'Copy Wire' };
          n += copy.events.length;
          batch.push({
            status: 'coded',
            hash: inputHash(copy),
            pipeline: 'bench',
            origin: null,
            doc: copy,
            links: { duplicateOf: last.id, story: `story-${last.id}` },
          });
          continue;
        }
        const doc = generateDocument(r, docs++, from, to, { idPrefix: 'q' });
        last = doc;
        n += doc.events.length;
        batch.push({
          status: 'coded',
          hash: inputHash(doc),
          pipeline: 'bench',
          origin: null,
          doc,
          links: { duplicateOf: null, story: `story-${doc.id}` },
        });
      }
      await store.put(batch);
      if (docs % 20_000 < 2000)
        process.stderr.write(
          `\r  generating: ${n} events, ${docs} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s`,
        );
    }
    process.stderr.write('\n  building indexes\n');
  });
  await store.close();
  return { docs, seconds: (performance.now() - t0) / 1000 };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export const queriesBench: Bench = {
  name: 'queries',
  title: 'query latency on a store of 1 million events',
  async run(args) {
    const target = Number(args[args.indexOf('--events') + 1]) || 1_000_000;
    const runs = Number(args[args.indexOf('--runs') + 1]) || 40;
    const dir = join(repoDir, '.eventwire-tmp');
    mkdirSync(dir, { recursive: true });
    // v2: with near-duplicate copies and stories (unique events vs mentions)
    const path = join(dir, `bench-queries-v2-${target}.db`);
    let built = 'reused';
    if (args.includes('--fresh') || !existsSync(path)) {
      const b = await buildStore(path, target);
      built = `built in ${b.seconds.toFixed(0)} s (${b.docs} documents)`;
    }
    const store = new SqliteStore(path, { readonly: true });
    const stats = await store.stats();
    const r = rng(99);
    const codes = COUNTRIES.map((c) => c.code);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
    const pair = (): [string, string] => {
      const a = pick(codes);
      let b = pick(codes);
      while (b === a) b = pick(codes);
      return [a, b];
    };
    const year = () => 2000 + Math.floor(r() * 20);
    const range = () => {
      const y = year();
      return { from: `${y}-01-01`, to: `${y + Math.floor(r() * 3)}-12-31` };
    };
    const roots = ['04', '03', '05', '06', '07', '08', '10', '11', '12', '13', '15', '16', '17', '19'];
    const quads = [1, 2, 3, 4];
    const cases: Array<[string, () => Promise<unknown>, boolean]> = [
      ['series JPN-PRK monthly (hot dyad)', () => store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month' }), true],
      [
        'series JPN-PRK weekly, 3 years',
        () => store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'week', ...range() }),
        true,
      ],
      [
        'series random dyad monthly',
        () => {
          const [a, b] = pair();
          return store.eventSeries({ a, b, interval: 'month' });
        },
        true,
      ],
      [
        'series actor codes JPN* -> PRK* yearly',
        () => store.eventSeries({ a: 'JPN*', b: 'PRK*', interval: 'year' }),
        true,
      ],
      [
        'series JPN-PRK monthly, per mention',
        () => store.eventSeries({ a: 'JPN', b: 'PRK', interval: 'month', count: 'mentions' }),
        true,
      ],
      [
        'series random dyad weekly, per mention',
        () => {
          const [a, b] = pair();
          return store.eventSeries({ a, b, interval: 'week', count: 'mentions', ...range() });
        },
        true,
      ],
      [
        'series actor codes JPN* -> PRK*, per mention',
        () => store.eventSeries({ a: 'JPN*', b: 'PRK*', interval: 'year', count: 'mentions' }),
        true,
      ],
      ['events: dyad JPN-PRK, page 1 + total', () => store.listEvents({ dyad: ['JPN', 'PRK'], limit: 50 }), true],
      [
        'events: dyad JPN-PRK, unique only',
        () => store.listEvents({ dyad: ['JPN', 'PRK'], unique: true, limit: 50 }),
        true,
      ],
      [
        'events: dyad + range, unique only',
        () => store.listEvents({ dyad: pair(), ...range(), unique: true, limit: 50 }),
        true,
      ],
      [
        'events: root + range, unique only',
        () => store.listEvents({ root: pick(roots), ...range(), unique: true, limit: 50 }),
        true,
      ],
      ['events: dyad + date range', () => store.listEvents({ dyad: pair(), ...range(), limit: 50 }), true],
      [
        'events: source/target codes + range',
        () => {
          const [a, b] = pair();
          return store.listEvents({ source: a, target: b, ...range(), limit: 50 });
        },
        true,
      ],
      ['events: quad class, page 1 + total', () => store.listEvents({ quadClass: pick(quads), limit: 50 }), true],
      ['events: root + date range', () => store.listEvents({ root: pick(roots), ...range(), limit: 50 }), true],
      ['events: code prefix 04*', () => store.listEvents({ code: '04*', limit: 50 } as EventQuery), true],
      [
        'events: location country + range',
        () => store.listEvents({ country: pick(codes), ...range(), limit: 50 }),
        true,
      ],
      ['events: place name', () => store.listEvents({ place: 'Pyongyang', limit: 50 }), true],
      ['events: page 20 of a dyad', () => store.listEvents({ dyad: ['JPN', 'PRK'], limit: 50, offset: 950 }), true],
      ['top actors, one year', () => store.topActors({ ...range(), limit: 20 }), false],
      ['top dyads, one year', () => store.topDyads({ ...range(), limit: 20 }), false],
      ['map places for a dyad', () => store.eventPlaces({ dyad: pair() }), false],
      [
        'documents: full-text search',
        () => store.listDocuments({ q: pick(['sanctions', '"customs agreement"', 'talks', 'aid']) }),
        false,
      ],
    ];
    const rows: Array<[string, string]> = [
      ['store', `${stats.events} events, ${stats.documents} documents (${built})`],
      ['runs', `${runs} per query (after 3 warm-up runs), milliseconds`],
    ];
    let worst = 0;
    let worstCpu = 0;
    for (const [name, fn, gated] of cases) {
      for (let i = 0; i < 3; i++) await fn();
      const ms: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < runs; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const p95 = percentile(ms, 95);
      const cpu95 = percentile(cpu, 95);
      if (gated) {
        worst = Math.max(worst, p95);
        worstCpu = Math.max(worstCpu, cpu95);
      }
      rows.push([
        `${gated ? '*' : ' '} ${name}`,
        `wall p50 ${percentile(ms, 50).toFixed(1)} p95 ${p95.toFixed(1)} | cpu p50 ${percentile(cpu, 50).toFixed(1)} p95 ${cpu95.toFixed(1)}`,
      ]);
    }
    rows.push([
      'worst p95 of * queries',
      `wall ${worst.toFixed(1)} ms, cpu ${worstCpu.toFixed(1)} ms (target <= 50 ms)`,
    ]);
    rows.push([
      'load average',
      `${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores (wall times include waiting for a core)`,
    ]);
    await store.close();
    return table(rows);
  },
};
