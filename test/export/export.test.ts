import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENTS_TSV_COLUMNS } from '../../src/cli/output.js';
import { runExport } from '../../src/export/export.js';
import { csvCell, GDELT_COLUMNS, ploverFromCameo } from '../../src/export/formats.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { repoDir } from '../shared.js';
import { coded } from '../store/suite.js';

const dir = mkdtempSync(join(tmpdir(), 'ew-export-'));
const db = join(dir, 'x.db');
const docs = [...generateCorpus(40, { seed: 5 })];
const allEvents = docs.flatMap((d) => d.events.map((e) => ({ ...e, doc: d })));
const real = allEvents.filter((e) => !e.negated && !e.hypothetical);

/** A small RFC 4180 reader (quoted fields, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') q = false;
      else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  return rows;
}

async function exported(options: Parameters<typeof runExport>[1]): Promise<{ n: number; text: string }> {
  const store = new SqliteStore(db, { readonly: true });
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  const n = await runExport(store, { ...options, out });
  await store.close();
  return { n, text: chunks.join('') };
}

beforeAll(async () => {
  const store = new SqliteStore(db);
  await store.put(docs.map((d) => coded(d)));
  await store.close();
});

describe('exports', () => {
  it('events CSV: the events-tsv fields first, one row per event, values round-trip', async () => {
    const { n, text } = await exported({ what: 'events', format: 'csv' });
    const rows = parseCsv(text);
    expect(rows[0].slice(0, EVENTS_TSV_COLUMNS.length)).toEqual([...EVENTS_TSV_COLUMNS]);
    expect(n).toBe(allEvents.length);
    expect(rows.length - 1).toBe(allEvents.length);
    const h = rows[0];
    const byKey = new Map(rows.slice(1).map((r) => [`${r[h.indexOf('doc_id')]}:${r[h.indexOf('event_id')]}`, r]));
    for (const e of allEvents.slice(0, 25)) {
      const r = byKey.get(`${e.doc.id}:${e.id}`)!;
      expect(r[h.indexOf('code')]).toBe(e.code);
      expect(Number(r[h.indexOf('goldstein')])).toBe(e.goldstein);
      expect(r[h.indexOf('trigger')]).toBe(e.trigger?.text ?? '');
      expect(r[h.indexOf('negated')]).toBe(String(e.negated));
      expect(r[h.indexOf('doc_title')]).toBe(e.doc.title);
    }
    expect(csvCell('a,"b"\nc')).toBe('"a,""b""\nc"');
  });

  it('events JSONL and filters', async () => {
    const { text } = await exported({ what: 'events', format: 'jsonl', events: { dyad: ['JPN', 'PRK'] } });
    const recs = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const expected = allEvents.filter(
      (e) =>
        (e.source?.code === 'JPN' && e.target?.code === 'PRK') ||
        (e.source?.code === 'PRK' && e.target?.code === 'JPN'),
    );
    expect(recs.length).toBe(expected.length);
    expect(recs.every((r) => [r.source_code, r.target_code].sort().join() === 'JPN,PRK')).toBe(true);
  });

  it('GDELT 2.0 TSV: 61 columns, dates, actors, codes and geography where known', async () => {
    const { n, text } = await exported({ what: 'events', format: 'gdelt' });
    const lines = text.trim().split('\n');
    expect(lines[0].split('\t')).toEqual([...GDELT_COLUMNS]);
    expect(GDELT_COLUMNS.length).toBe(61);
    expect(n).toBe(real.length);
    const col = (name: string) => GDELT_COLUMNS.indexOf(name);
    for (const line of lines.slice(1)) {
      const c = line.split('\t');
      expect(c.length).toBe(61);
      expect(c[col('EventRootCode')]).toBe(c[col('EventCode')].slice(0, 2));
      if (c[col('SQLDATE')]) expect(c[col('SQLDATE')]).toMatch(/^\d{8}$/);
      expect(Number(c[col('QuadClass')])).toBeGreaterThanOrEqual(1);
      if (c[col('ActionGeo_Lat')]) {
        expect(c[col('ActionGeo_Type')]).toBe(c[col('ActionGeo_CountryCode')] === 'USA' ? '3' : '4');
        expect(Number(c[col('ActionGeo_FeatureID')])).toBeGreaterThan(0);
      }
      expect(c[col('DATEADDED')]).toMatch(/^\d{14}$/);
      expect(c[col('SOURCEURL')]).toMatch(/^https:\/\//);
    }
    const jpn = lines
      .slice(1)
      .find((l) => l.split('\t')[col('Actor1Code')] === 'JPN')!
      .split('\t');
    expect(jpn[col('Actor1CountryCode')]).toBe('JPN');
    expect(jpn[col('Actor1Name')]).toBe('JAPAN');
  });

  it('PLOVER JSONL: actor/recipient lists, event types, modes, quad codes and the sentence', async () => {
    const { n, text } = await exported({ what: 'events', format: 'plover' });
    const recs = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(n).toBe(real.filter((e) => e.plover?.event).length);
    for (const r of recs) {
      expect(r).toHaveProperty('id');
      expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(Array.isArray(r.actor) && r.actor.length).toBe(1);
      expect(r.event).toHaveLength(1);
      expect(r.quad_code).toBeGreaterThanOrEqual(1);
      const [docId, eventId] = r.id.split(':');
      const src = docs.find((d) => d.id === docId)!;
      const ev = src.events.find((e) => e.id === eventId)!;
      expect(r.event[0]).toBe(ev.plover?.event);
      const s = src.sentences[ev.sentence];
      expect(r.text).toBe(src.text.slice(s.start, s.end));
      expect(r.text).toContain(r.event_text);
    }
    expect(ploverFromCameo('046')).toBe('CONSULT');
    expect(ploverFromCameo('0874')).toBe('RETREAT');
    expect(ploverFromCameo('081')).toBe('CONCEDE');
    expect(ploverFromCameo('010')).toBeNull();
  });

  it('documents CSV and JSONL carry id, date, title, source, url, story, duplicate_of', async () => {
    const csv = parseCsv((await exported({ what: 'documents', format: 'csv' })).text);
    expect(csv[0].slice(0, 7)).toEqual(['id', 'date', 'title', 'source', 'url', 'story', 'duplicate_of']);
    expect(csv.length - 1).toBe(docs.length);
    const { text } = await exported({ what: 'documents', format: 'jsonl' });
    const recs = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const one = recs.find((r) => r.id === docs[3].id);
    expect(one).toMatchObject({ story: null, duplicate_of: null, status: 'coded' });
    const { story: _s, duplicate_of: _d, status: _st, ...doc } = one;
    expect(doc).toEqual(docs[3]);
    expect((await exported({ what: 'stories', format: 'csv' })).text).toBe(
      'story,documents,first_date,last_date,title,document_ids\n',
    );
  });

  it('Parquet through DuckDB reads back the same rows', async () => {
    const file = join(dir, 'events.parquet');
    const store = new SqliteStore(db, { readonly: true });
    const n = await runExport(store, { what: 'events', format: 'parquet', file });
    await store.close();
    expect(n).toBe(allEvents.length);
    expect(readFileSync(file).subarray(0, 4).toString()).toBe('PAR1');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const inst = await DuckDBInstance.create(':memory:');
    const conn = await inst.connect();
    const reader = await conn.runAndReadAll(
      `SELECT count(*)::INTEGER AS n, round(sum(goldstein), 2)::DOUBLE AS g, count(DISTINCT doc_id)::INTEGER AS d FROM '${file}'`,
    );
    const [row] = reader.getRowObjects();
    conn.closeSync();
    inst.closeSync();
    expect(row.n).toBe(allEvents.length);
    expect(row.g).toBeCloseTo(
      allEvents.reduce((s, e) => s + e.goldstein, 0),
      1,
    );
    expect(row.d).toBe(docs.filter((d) => d.events.length).length);
  });

  it('the command checks formats and writes files', () => {
    const run = (args: string[]) =>
      spawnSync(
        process.execPath,
        ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), 'export', '--store', db, ...args],
        {
          encoding: 'utf8',
          cwd: repoDir,
        },
      );
    const bad = run(['--what', 'documents', '--format', 'gdelt']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not available for documents/);
    expect(run(['--format', 'parquet']).status).toBe(2);
    const tsv = run(['--format', 'gdelt', '--code', '04*']);
    expect(tsv.status).toBe(0);
    expect(tsv.stdout.trim().split('\n').length - 1).toBe(real.filter((e) => e.root === '04').length);
    const out = join(dir, 'e.csv');
    const toFile = run(['--format', 'csv', '--out', out]);
    expect(toFile.status).toBe(0);
    expect(toFile.stderr).toMatch(new RegExp(`wrote ${allEvents.length} events rows`));
    const missing = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), 'export', '--store', join(dir, 'none.db')],
      { encoding: 'utf8', cwd: repoDir },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot open store/);
  });

  it('stops quietly when the reader closes the pipe early', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), 'export', '--store', db, '--format', 'jsonl'],
      { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (c) => {
      err += String(c);
    });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(err).not.toMatch(/EPIPE|internal error/);
    expect(code).toBe(0);
  });
});
