import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { feedDate, parseFeed } from '../../src/ingest/feed.js';
import { runIngest } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { repeatedSample, writeJsonl } from '../fixtures/samples.js';
import { repoDir } from '../shared.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'ew-ingest-'));

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbor Times</title>
<item><title>Ministers meet in Ulaanbaatar</title><link>https://news.example.org/a</link>
<guid isPermaLink="false">ht-1</guid><pubDate>Thu, 06 Sep 2007 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Japan and North Korea held talks on Thursday.</p><p>Both sides said the meeting was useful.</p>]]></content:encoded></item>
<item><title>Aid ship leaves port</title><link>https://news.example.org/b</link>
<pubDate>Fri, 7 Sep 2007 08:00:00 +0900</pubDate><description>South Korea &amp; Japan sent rice to the north.</description></item>
<item><title>Empty</title><link>https://news.example.org/c</link><description></description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire One</title>
<entry><id>urn:wire:1</id><title type="html">Border talks &lt;b&gt;resume&lt;/b&gt;</title>
<link rel="alternate" href="https://wire.example.org/1"/><published>2008-02-11T09:30:00Z</published>
<content type="html">&lt;p&gt;India and Pakistan resumed talks on Monday.&lt;/p&gt;</content></entry>
<entry><id>urn:wire:2</id><title>Summary only</title><updated>2008-02-12T00:00:00Z</updated>
<summary>China praised the outcome.</summary></entry>
</feed>`;

describe('feeds', () => {
  it('reads RSS items and Atom entries with title, link, date and text', () => {
    const rss = parseFeed(RSS, 'f.rss');
    expect(rss).toHaveLength(3);
    const a = rss[0];
    expect(a.ok && a.input).toMatchObject({
      id: 'ht-1',
      title: 'Ministers meet in Ulaanbaatar',
      url: 'https://news.example.org/a',
      date: '2007-09-06',
      source: 'Harbor Times',
      text: 'Japan and North Korea held talks on Thursday.\nBoth sides said the meeting was useful.',
    });
    const b = rss[1];
    expect(b.ok && b.input).toMatchObject({ id: 'https://news.example.org/b', date: '2007-09-07' });
    expect(b.ok && b.input.text).toBe('South Korea & Japan sent rice to the north.');
    expect(rss[2].ok).toBe(false);
    const atom = parseFeed(ATOM, 'f.atom');
    expect(atom.map((x) => x.ok && [x.input.id, x.input.title, x.input.url, x.input.date, x.input.text])).toEqual([
      [
        'urn:wire:1',
        'Border talks resume',
        'https://wire.example.org/1',
        '2008-02-11',
        'India and Pakistan resumed talks on Monday.',
      ],
      ['urn:wire:2', 'Summary only', null, '2008-02-12', 'China praised the outcome.'],
    ]);
  });

  it('gives a clear error for malformed feeds and non-feeds', () => {
    expect(() => parseFeed('<rss><channel><item><title>x</item></channel></rss>', 'bad.rss')).toThrow(
      /malformed feed: .*line \d+/,
    );
    expect(() => parseFeed('<html><body>hi</body></html>', 'page.xml')).toThrow(/not an RSS or Atom feed .*<html>/);
    expect(() =>
      parseFeed('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel/></rss>', 'x.rss'),
    ).toThrow(/entity/);
  });

  it('keeps the whole items of a cut-off or partly broken feed', () => {
    const cut = RSS.slice(0, RSS.indexOf('<item><title>Empty'));
    const items = parseFeed(`${cut}<item><title>Half`, 'cut.rss');
    expect(items.map((i) => i.ok)).toEqual([true, true, false]);
    const first = items[0];
    expect(first.ok && first.input.title).toBe('Ministers meet in Ulaanbaatar');
    expect(first.ok && first.input.date).toBe('2007-09-06');
    const last = items[2];
    expect(!last.ok && last.error.message).toMatch(/item 3 is cut off/);
    const broken = parseFeed(ATOM.replace('<summary>China', '<summary><b>China'), 'broken.atom');
    expect(broken.map((i) => i.ok)).toEqual([true, false]);
    expect(() => parseFeed('<rss><channel><item><title>only half', 'x.rss')).toThrow(/malformed feed/);
  });

  it('reads feed dates as written', () => {
    expect(feedDate('Tue, 14 Aug 2007 23:30:00 -0700')).toBe('2007-08-14');
    expect(feedDate('2007-08-14T23:30:00-07:00')).toBe('2007-08-14');
    expect(feedDate('31 Feb 2007')).toBeNull();
    expect(feedDate('yesterday')).toBeNull();
  });
});

function corpusFolder(): string {
  const dir = tmp();
  mkdirSync(join(dir, 'wire/2007'), { recursive: true });
  mkdirSync(join(dir, 'other/2007'), { recursive: true });
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, 'wire/2007/talks.txt'), 'Japan and North Korea met in Ulaanbaatar on Thursday.');
  writeFileSync(join(dir, 'other/2007/talks.txt'), 'China criticised Japan on Friday.');
  writeFileSync(
    join(dir, 'other/page.html'),
    '<html><head><title>Aid</title><meta property="article:published_time" content="2007-10-01"></head><body><p>Britain sent aid to Kenya.</p></body></html>',
  );
  writeFileSync(join(dir, 'feed.rss'), RSS);
  writeFileSync(join(dir, 'broken.xml'), '<rss><channel><item></channel>');
  writeFileSync(join(dir, 'dump.jsonl'), '{"id":"j1","text":"Russia warned Ukraine.","date":"2008-01-02"}\n{oops\n');
  writeFileSync(join(dir, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(join(dir, '.hidden/secret.txt'), 'never read');
  return dir;
}

// The ingest mechanics do not depend on what the stages find: these tests code with the
// text-only preset to stay fast (the browser test ingests the samples with the full pipeline).
describe('runIngest', () => {
  for (const workers of [0, 2]) {
    it(`reads folders recursively, records failures, and is idempotent (workers=${workers})`, async () => {
      const dir = corpusFolder();
      const store = new SqliteStore(join(tmp(), 'x.db'));
      const err = new PassThrough();
      const errs: string[] = [];
      err.on('data', (c) => errs.push(String(c)));
      const s1 = await runIngest([dir], { store, workers, err, preset: 'text' });
      // 2 text + 1 html + 3 feed items + 1 broken feed + 2 jsonl lines
      expect(s1).toMatchObject({ documents: 9, new: 6, updated: 0, unchanged: 0, failed: 3, skippedFiles: 1 });
      const ids = (await store.listDocuments({ limit: 100 })).items.map((d) => d.id).sort();
      expect(ids).toEqual(
        ['https://news.example.org/b', 'ht-1', 'j1', 'other/2007/talks', 'other/page', 'wire/2007/talks'].sort(),
      );
      const failed = (await store.listDocuments({ status: 'failed', limit: 100 })).items;
      expect(failed.map((d) => d.error?.code).sort()).toEqual(['empty', 'malformed-feed', 'malformed-json']);
      expect(errs.join('')).toMatch(/broken\.xml.*malformed-feed/);
      const page = await store.getDocument('other/page');
      expect(page?.summary).toMatchObject({ title: 'Aid', date: '2007-10-01' });
      expect(page?.doc?.sentences.length).toBeGreaterThan(0);
      const s2 = await runIngest([dir], { store, workers, err, preset: 'text' });
      expect(s2).toMatchObject({ documents: 9, new: 0, updated: 0, unchanged: 6, failed: 3 });
      // a changed document with the same id replaces the old one
      writeFileSync(join(dir, 'wire/2007/talks.txt'), 'Japan and North Korea ended their talks on Friday.');
      const s3 = await runIngest([dir], { store, workers, err, preset: 'text' });
      expect(s3).toMatchObject({ new: 0, updated: 1, unchanged: 5, failed: 3 });
      expect((await store.getDocument('wire/2007/talks'))?.doc?.text).toMatch(/ended their talks/);
      expect((await store.stats()).documents).toBe(6);
      await store.close();
    });
  }

  it('stops reading when aborted and keeps what was committed', async () => {
    const dir = tmp();
    writeJsonl(join(dir, 'docs.jsonl'), repeatedSample(400));
    const store = new SqliteStore(join(dir, 'x.db'));
    const controller = new AbortController();
    let seen = 0;
    const progress = {
      update: () => {
        if (++seen === 150) controller.abort();
      },
      done: () => {},
    } as unknown as import('../../src/ingest/progress.js').Progress;
    const s1 = await runIngest([join(dir, 'docs.jsonl')], {
      store,
      signal: controller.signal,
      progress,
      batchSize: 32,
      preset: 'text',
    });
    expect(s1.interrupted).toBe(true);
    const stored = (await store.stats()).documents;
    expect(stored).toBe(s1.new);
    expect(stored).toBeLessThan(400);
    const s2 = await runIngest([join(dir, 'docs.jsonl')], { store, preset: 'text' });
    expect(s2.unchanged).toBe(stored);
    expect(s2.new).toBe(400 - stored);
    expect((await store.stats()).documents).toBe(400);
    await store.close();
  });
});

const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), ...args], {
    encoding: 'utf8',
    cwd: repoDir,
    env: { ...process.env, ...env },
  });

describe('eventwire ingest (command)', () => {
  it('prints a summary and exits 0, or 1 when some documents failed; 2 for usage errors', () => {
    const dir = tmp();
    writeJsonl(join(dir, 'ok.jsonl'), repeatedSample(5));
    const db = join(dir, 'env.db');
    const r1 = cli(['ingest', '--preset', 'text', '--workers', '1', join(dir, 'ok.jsonl')], { EVENTWIRE_STORE: db });
    expect(r1.status).toBe(0);
    expect(r1.stdout).toMatch(new RegExp(`ingested 5 documents into ${db}: 5 new, 0 updated, 0 unchanged, 0 failed`));
    writeFileSync(join(dir, 'bad.jsonl'), '{"text": 5}\n');
    const r2 = cli([
      'ingest',
      '--preset',
      'text',
      '--store',
      db,
      '--workers',
      '0',
      join(dir, 'bad.jsonl'),
      join(dir, 'ok.jsonl'),
    ]);
    expect(r2.status).toBe(1);
    expect(r2.stdout).toMatch(/0 new, 0 updated, 5 unchanged, 1 failed/);
    expect(r2.stderr).toMatch(/bad\.jsonl:1: bad-field/);
    expect(cli(['ingest', '--store', db, '--workers', 'many', 'x']).status).toBe(2);
    const preset = cli(['ingest', '--store', db, '--preset', 'tiny', 'x']);
    expect(preset.status).toBe(2);
    expect(preset.stderr).toMatch(/unknown preset "tiny"/);
    const missing = cli(['ingest', '--store', db, join(dir, 'nope')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/no such file or folder/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('resumes after being killed half-way: exactly 10,000 documents, none lost or doubled', async () => {
    const dir = tmp();
    const file = join(dir, 'docs.jsonl');
    const docs = repeatedSample(10_000);
    writeJsonl(file, docs);
    const db = join(dir, 'kill.db');
    // the text-only preset keeps this fast: resuming does not depend on what the stages find
    // (near-duplicate and story assignment still run; the repeated samples are copies)
    const args = [
      '--import',
      'tsx',
      join(repoDir, 'test/fixtures/cli.ts'),
      'ingest',
      '--store',
      db,
      '--quiet',
      '--preset',
      'text',
      file,
    ];
    const child = spawn(process.execPath, args, { cwd: repoDir, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // kill it hard once a good share, but not all, is committed
    const count = () => {
      try {
        const r = new Database(db, { readonly: true, fileMustExist: true });
        try {
          return (r.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
        } finally {
          r.close();
        }
      } catch {
        return 0;
      }
    };
    const deadline = Date.now() + 120_000;
    let atKill = 0;
    while (Date.now() < deadline) {
      atKill = count();
      if (atKill >= 1000) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const afterKill = count();
    expect(afterKill).toBeGreaterThan(0);
    expect(afterKill).toBeLessThan(10_000);
    const rerun = spawnSync(process.execPath, args, { cwd: repoDir, encoding: 'utf8' });
    expect(rerun.status).toBe(0);
    expect(rerun.stdout).toMatch(
      new RegExp(`ingested 10000 documents .*: ${10_000 - afterKill} new, 0 updated, ${afterKill} unchanged, 0 failed`),
    );
    const r = new Database(db, { readonly: true });
    const ids = (r.prepare('SELECT id FROM documents ORDER BY id').all() as Array<{ id: string }>).map((x) => x.id);
    r.close();
    expect(ids.length).toBe(10_000);
    expect(ids).toEqual(docs.map((d) => d.id!).sort());
  }, 300_000);
});
