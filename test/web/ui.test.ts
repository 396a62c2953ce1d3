// End-to-end: ingest the sample articles with the real pipeline, serve them, and drive the
// web UI in Debian's Chromium (playwright-core, never a downloaded browser). A second store
// of generated coded documents (every layer filled) checks the highlights and charts in full
// today; the assertions on the sample store tighten by themselves as stages land on main.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipeline } from '../../src/pipeline/presets.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { generateCorpus } from '../fixtures/corpus.js';
import { REFERENCE, repoDir } from '../shared.js';
import { coded } from '../store/suite.js';

const CHROMIUM = '/usr/bin/chromium';
const haveBrowser = existsSync(CHROMIUM);
const haveUi = existsSync(join(repoDir, 'web/dist/index.html'));
if (!haveBrowser) console.warn(`[skip] ${CHROMIUM} not found (apt-get install chromium): browser tests skipped`);
if (!haveUi) throw new Error('web/dist is missing: run `npm run build` before the browser tests');
const artifacts = join(repoDir, 'test-artifacts');
const stages = createPipeline('full').stages;
const reference = REFERENCE();
const haveReference = existsSync(reference);
if (!haveReference) console.warn(`[skip] ${reference} not found: the reference-article checks are skipped`);

const tsxCli = (args: string[]) => ['--import', 'tsx', join(repoDir, 'test/fixtures/cli.ts'), ...args];

/** Start `eventwire serve` on a free port and wait for its URL. */
async function serve(store: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, tsxCli(['serve', '--store', store, '--port', '0', '--quiet']), {
    cwd: repoDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c) => {
      err += String(c);
      const m = /at (http:\/\/\S+)/.exec(err);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 60_000);
  });
  const health = await fetch(`${url}/api/health`);
  expect(health.status).toBe(200);
  return { url, child };
}

async function json<T>(url: string): Promise<T> {
  const r = await fetch(url);
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

interface DocList {
  total: number;
  items: Array<{ id: string; counts: { quotes: number; events: number } }>;
}

describe.skipIf(!haveBrowser)('web UI in Chromium', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ew-web-'));
  const sampleDb = join(dir, 'samples.db');
  const fixtureDb = join(dir, 'fixture.db');
  let sample: { url: string; child: ChildProcess };
  let fixture: { url: string; child: ChildProcess };
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    // the sample articles and, when ../shared is there, the reference article with its date
    const ingest = spawnSync(
      process.execPath,
      tsxCli([
        'ingest',
        '--store',
        sampleDb,
        '--quiet',
        '--date',
        '2007-09-06',
        'samples/articles.jsonl',
        ...(haveReference ? [reference] : []),
      ]),
      {
        cwd: repoDir,
        encoding: 'utf8',
      },
    );
    expect(ingest.status, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(new RegExp(`ingested ${haveReference ? 31 : 30} documents`));
    const store = new SqliteStore(fixtureDb);
    await store.put([...generateCorpus(120, { seed: 3 })].map((d) => coded(d)));
    await store.close();
    [sample, fixture] = await Promise.all([serve(sampleDb), serve(fixtureDb)]);
    context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'ew-chromium-')), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1366, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    sample?.child.kill();
    fixture?.child.kill();
  });

  /** Open a stored document and compare its highlights with what the API holds. */
  async function checkDocument(base: string, id: string) {
    const stored = await json<{ document: { quotes: unknown[]; events: Array<{ trigger: unknown }> } }>(
      `${base}/api/documents/${encodeURIComponent(id)}`,
    );
    await page.goto(`${base}/#/doc/${encodeURIComponent(id)}`);
    await page.locator(`[data-testid="annotated-text"][data-doc="${id.replace(/["\\]/g, '\\$&')}"]`).waitFor();
    // distinct quotes and events highlighted (a segment lists every one covering it)
    const distinct = (attr: string) =>
      page.$$eval(
        `[${attr}]`,
        (els, a) => new Set(els.flatMap((e) => (e.getAttribute(a) ?? '').split(' '))).size,
        attr,
      );
    const quoteIds = await distinct('data-quote');
    const eventIds = await distinct('data-event');
    expect(quoteIds, `quotes highlighted in ${id}`).toBe(stored.document.quotes.length);
    expect(eventIds, `events highlighted in ${id}`).toBe(stored.document.events.filter((e) => e.trigger).length);
    expect(await page.locator('#quotes-h').textContent()).toBe(`Quotes (${stored.document.quotes.length})`);
    expect(await page.locator('#events-h').textContent()).toBe(`Events (${stored.document.events.length})`);
    return { quotes: quoteIds, events: eventIds };
  }

  it('sample store: finds the Japan–North Korea dyad and an article with its quotes and events', async () => {
    const base = sample.url;
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'Dyads' }).click();
    await page.getByLabel('Country A').fill('JPN');
    await page.getByLabel('Country B').fill('PRK');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('heading', { name: /Cooperation and conflict, JPN – PRK/ }).waitFor();
    const events = await json<{ total: number }>(`${base}/api/events?dyad=JPN-PRK&limit=1`);
    const chart = page.getByTestId('dyad-chart');
    if (events.total > 0) {
      await chart.locator('svg').first().waitFor();
      // the table loads apart from the chart: wait for its last expected row, then count
      const rowLocator = page.getByTestId('events-table').locator('tbody tr');
      await rowLocator.nth(Math.min(25, events.total) - 1).waitFor();
      expect(await rowLocator.count()).toBe(Math.min(25, events.total));
    } else await chart.getByText(/No dated events between JPN and PRK/).waitFor();
    expect(stages).toContain('events');
    expect(stages).toContain('quotes');
    expect(events.total).toBeGreaterThan(0);

    // the sample article with the most quotes and events
    const docs = await json<DocList>(`${base}/api/documents?limit=100`);
    expect(docs.total).toBe(haveReference ? 31 : 30);
    const best = [...docs.items]
      .filter((d) => !haveReference || d.id !== referenceId(docs))
      .sort((a, b) => b.counts.quotes + b.counts.events - (a.counts.quotes + a.counts.events))[0];
    const seen = await checkDocument(base, best.id);
    expect(seen.quotes).toBeGreaterThan(0);
    expect(seen.events).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifacts, 'ui-sample-document.png'), fullPage: true });
  }, 120_000);

  /** The id the ingest gave the reference article (its file name). */
  function referenceId(docs: DocList): string {
    const hits = docs.items.filter((d) => d.id.includes('japan-north-korea-talks'));
    expect(hits, 'the reference article is stored once').toHaveLength(1);
    return hits[0].id;
  }

  it.skipIf(!haveReference)(
    'reference article: from the JPN–PRK dyad to its seven direct quotes and the sanctions event',
    async () => {
      const base = sample.url;
      // the dyad chart counts the reference article's events
      await page.goto(`${base}/#/dyad?a=JPN&b=PRK&interval=month`);
      await page.getByTestId('dyad-chart').locator('svg').first().waitFor();
      const sept = await json<{ points: Array<{ date: string; count: number }> }>(
        `${base}/api/aggregates/series?a=JPN&b=PRK&interval=month&from=2007-09-01&to=2007-09-30`,
      );
      expect(sept.points.reduce((t, p) => t + p.count, 0)).toBeGreaterThan(0);

      // open it from the corpus view, as a reader would
      const docs = await json<DocList>(`${base}/api/documents?limit=100`);
      const id = referenceId(docs);
      await page.goto(`${base}/#/corpus?from=2007-09-06&to=2007-09-06`);
      await page.locator(`a[href="#/doc/${encodeURIComponent(id)}"]`).click();
      await page.locator('[data-testid="annotated-text"]').waitFor();
      expect(await page.locator('[data-testid="annotated-text"]').getAttribute('data-doc')).toBe(id);

      const stored = await json<{
        date: string;
        document: {
          text: string;
          quotes: Array<{ kind: string; via: string | null; place: { name: string } | null }>;
          events: Array<{ code: string; trigger: { text: string } | null; negated: boolean; hypothetical: boolean }>;
        };
      }>(`${base}/api/documents/${encodeURIComponent(id)}`);
      expect(stored.date).toBe('2007-09-06');
      expect(stored.document.text.trim()).toBe(readFileSync(reference, 'utf8').trim());
      const direct = stored.document.quotes.flatMap((q, i) => (q.kind === 'direct' ? [String(i)] : []));
      expect(direct, 'direct quotes stored').toHaveLength(7);

      const refsOf = (attr: string) =>
        page.$$eval(
          `[data-testid="annotated-text"] [${attr}]`,
          (els, a) => [...new Set(els.flatMap((e) => (e.getAttribute(a) ?? '').split(' ')))].sort(),
          attr,
        );
      expect(await refsOf('data-direct-quote'), 'direct quotes highlighted').toEqual([...direct].sort());
      expect(await page.locator('.quotes-list li[data-kind="direct"]').count()).toBe(7);

      // the sanctions event: CAMEO root 16, its trigger highlighted, its code shown on focus
      const sanctions = stored.document.events.findIndex(
        (e) => e.code.startsWith('16') && /sanctions/i.test(e.trigger?.text ?? ''),
      );
      expect(sanctions, 'a root-16 event triggered by "sanctions"').toBeGreaterThanOrEqual(0);
      const ev = stored.document.events[sanctions];
      const marks = page.locator(`mark[data-event~="${sanctions}"]`);
      expect(await marks.count()).toBeGreaterThan(0);
      expect((await marks.allTextContents()).join('')).toBe(ev.trigger!.text);
      await page.mouse.move(0, 0); // the pointer must not hover another highlight
      await marks.first().focus();
      await expect.poll(() => page.getByTestId('details').textContent()).toContain(`event trigger: ${ev.code}`);

      // negated and hypothetical events are flagged in the text and in the table
      const flagged = stored.document.events.flatMap((e, i) =>
        (e.negated || e.hypothetical) && e.trigger ? [String(i)] : [],
      );
      expect((await refsOf('data-flagged-event')).filter(Boolean)).toEqual([...flagged].sort());
      expect(await page.locator('.events-table tbody tr.flagged').count()).toBe(
        stored.document.events.filter((e) => e.negated || e.hypothetical).length,
      );
      // a quote relayed by a medium names it
      const via = stored.document.quotes.find((q) => q.via);
      if (via)
        await page
          .locator('.quotes-list li', { hasText: `via ${via.via}` })
          .first()
          .waitFor();
      // and so does the list item of every quote whose place is known (the place where it was said)
      const placed = stored.document.quotes.filter((q) => q.place);
      expect(await page.locator('.quotes-list li', { hasText: /, in [^:]+\):/ }).count()).toBe(placed.length);
      for (const q of placed)
        await page
          .locator('.quotes-list li', { hasText: `in ${q.place!.name}` })
          .first()
          .waitFor();
      await page.screenshot({ path: join(artifacts, 'ui-reference-article.png'), fullPage: true });

      // its story page, reached from the document by keyboard: the article is listed and the
      // timeline lists the story's unique events
      const storyId = (await json<{ story: string | null }>(`${base}/api/documents/${encodeURIComponent(id)}`)).story;
      expect(storyId, 'ingest threads every article into a story').toBeTruthy();
      const storyLink = page.getByRole('link', { name: 'story', exact: true });
      await storyLink.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('story-articles').waitFor();
      expect(page.url()).toContain(`#/story/${encodeURIComponent(storyId!)}`);
      await page
        .getByTestId('story-articles')
        .locator(`a[href="#/doc/${encodeURIComponent(id)}"]`)
        .waitFor();
      const story = await json<{ timeline: unknown[] }>(`${base}/api/stories/${encodeURIComponent(storyId!)}`);
      expect(story.timeline.length).toBeGreaterThan(0);
      expect(await page.getByTestId('story-timeline').locator('a[href*="#/doc/"]').count()).toBe(story.timeline.length);
      await page.screenshot({ path: join(artifacts, 'ui-reference-story.png'), fullPage: true });
    },
    120_000,
  );

  it('fixture store: dyad chart, map and table; highlights with details on focus', async () => {
    const base = fixture.url;
    await page.goto(`${base}/#/dyad?a=JPN&b=PRK&interval=month`);
    const chart = page.getByTestId('dyad-chart');
    await chart.locator('svg g[aria-label="line"] path').first().waitFor({ state: 'attached' });
    const series = await json<{ points: Array<{ quadClass: number }> }>(`${base}/api/aggregates/series?a=JPN&b=PRK`);
    const quads = new Set(series.points.map((p) => p.quadClass)).size;
    // one line per quad class present
    expect(await chart.locator('.figure').first().locator('svg g[aria-label="line"] path').count()).toBe(quads);
    const places = await json<{ items: unknown[] }>(`${base}/api/aggregates/places?dyad=JPN-PRK`);
    expect(places.items.length).toBeGreaterThan(0);
    await page.getByTestId('dyad-map').locator('svg g[aria-label="dot"] circle').first().waitFor({ state: 'attached' });
    expect(await page.getByTestId('dyad-map').locator('svg g[aria-label="dot"] circle').count()).toBe(
      places.items.length,
    );
    expect(await page.getByTestId('dyad-map').locator('svg g[aria-label="geo"] path').count()).toBeGreaterThan(100);
    await page.screenshot({ path: join(artifacts, 'ui-dyad.png'), fullPage: true });

    // each event row links to its sentence in the article
    const link = page.getByTestId('events-table').locator('tbody tr a').first();
    await link.click();
    await page.locator('.focus-sentence').first().waitFor();
    const docId = decodeURIComponent(/#\/doc\/([^?]+)/.exec(page.url())![1]);
    const seen = await checkDocument(base, docId);
    expect(seen.events).toBeGreaterThan(0);

    // a document with quotes: speakers highlighted, details on keyboard focus
    const docs = await json<DocList>(`${base}/api/documents?limit=100`);
    const withQuotes = docs.items.find((d) => d.counts.quotes > 0)!;
    const q = await checkDocument(base, withQuotes.id);
    expect(q.quotes).toBe(withQuotes.counts.quotes);
    expect(await page.locator('mark[data-kinds~="speaker"]').count()).toBeGreaterThan(0);
    const trigger = page.locator('mark[data-kinds~="trigger"]').first();
    await trigger.focus();
    const details = page.getByTestId('details');
    await expect.poll(() => details.textContent()).toMatch(/event trigger: \d{3,4} .*Goldstein/s);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('MARK');
    await page.screenshot({ path: join(artifacts, 'ui-document.png'), fullPage: true });
  }, 120_000);

  it('corpus search and the annotate page', async () => {
    const base = fixture.url;
    await page.goto(`${base}/#/corpus`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('"customs agreement"');
    await page.getByRole('button', { name: 'Search' }).click();
    const hits = await json<{ total: number }>(`${base}/api/documents?q=${encodeURIComponent('"customs agreement"')}`);
    await page.getByText(new RegExp(`^${hits.total} documents?`)).waitFor();
    await page.goto(`${base}/#/`);
    await page
      .getByLabel('Article text')
      .fill('Japan and North Korea met in Mongolia on Thursday. "We listened," an envoy said.');
    await page.getByLabel('Publication date').fill('2007-09-06');
    await page.getByRole('button', { name: 'Annotate' }).click();
    await page.getByTestId('annotated-text').waitFor();
    expect(await page.getByTestId('annotated-text').textContent()).toBe(
      'Japan and North Korea met in Mongolia on Thursday. "We listened," an envoy said.',
    );
    await page.screenshot({ path: join(artifacts, 'ui-annotate.png'), fullPage: true });
  }, 60_000);
});
