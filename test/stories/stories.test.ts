import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { editArticle, seededRandom } from '../../src/dedup/generate.js';
import { dayNumber, textSignature } from '../../src/dedup/index.js';
import type { CodedDocument, Entity } from '../../src/doc/types.js';
import { runIngest } from '../../src/ingest/ingest.js';
import { InlineCoder } from '../../src/ingest/pool.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { memberVectors, PAIR_FEATURES, pairFeatures } from '../../src/stories/02-cluster.js';
import {
  ASSIGNER_STATE,
  bcubedScore,
  pairwiseScore,
  StoryAssigner,
  StoryClusterer,
  storyFeatures,
  storyFeaturesOf,
  storyId,
  storyInputs,
  storyParams,
} from '../../src/stories/index.js';
import { sampleArticles, writeJsonl } from '../fixtures/samples.js';

/** A coded document with only text, date and the given names as entities. */
function doc(
  id: string,
  date: string | null,
  text: string,
  names: Array<[string, Entity['type']]> = [],
): CodedDocument {
  const entities: Entity[] = [];
  for (const [name, type] of names) {
    const start = text.indexOf(name);
    if (start >= 0) entities.push({ start, end: start + name.length, text: name, type });
  }
  return {
    id,
    date,
    title: null,
    source: null,
    url: null,
    meta: {},
    text,
    sentences: [{ start: 0, end: text.length }],
    entities,
    actors: [],
    times: [],
    places: [],
    quotes: [],
    events: [],
  };
}

const QUAKE = (place: string, n: number) =>
  place === 'Haiti'
    ? `A magnitude 7.0 earthquake struck Haiti on Tuesday, killing at least ${n} people in Port-au-Prince. Rescue teams searched the rubble of the presidential palace as aftershocks shook the capital. President Rene Preval said the toll could rise.`
    : `A magnitude 8.2 earthquake hit northern Chile near Iquique, killing ${n} people and triggering a tsunami alert along the Pacific coast. President Michelle Bachelet declared a disaster zone as thousands left their homes in Iquique.`;
const OSCARS = (host: string) =>
  `The Academy announced that ${host} will host the Oscars ceremony next year. ${host} said hosting the Academy Awards was a dream. The Oscars producers praised ${host} for the choice.`;

describe('story clustering', () => {
  it('scores clusterings: pairwise and BCubed', () => {
    const gold = new Map([
      ['a', '1'],
      ['b', '1'],
      ['c', '2'],
      ['d', '2'],
    ]);
    expect(pairwiseScore(gold, gold).f1).toBe(1);
    expect(bcubedScore(gold, gold).f1).toBe(1);
    const one = new Map([...gold.keys()].map((k) => [k, 'x']));
    expect(pairwiseScore(one, gold).precision).toBeCloseTo(2 / 6);
    expect(pairwiseScore(one, gold).recall).toBe(1);
    expect(bcubedScore(one, gold).precision).toBeCloseTo(0.5);
    const singles = new Map([...gold.keys()].map((k) => [k, k]));
    expect(pairwiseScore(singles, gold).recall).toBe(0);
    expect(bcubedScore(singles, gold).recall).toBeCloseTo(0.5);
  });

  it('threads articles of one event together and keeps two events of the same kind apart', () => {
    const c = new StoryClusterer(storyParams());
    const articles = [
      doc('q1', '2010-01-12', QUAKE('Haiti', 100), [
        ['Haiti', 'GPE'],
        ['Port-au-Prince', 'GPE'],
        ['Rene Preval', 'PERSON'],
      ]),
      doc('o1', '2010-01-12', OSCARS('Hugh Jackman'), [['Hugh Jackman', 'PERSON']]),
      doc('q2', '2010-01-13', QUAKE('Haiti', 3000), [
        ['Haiti', 'GPE'],
        ['Port-au-Prince', 'GPE'],
        ['Rene Preval', 'PERSON'],
      ]),
      doc('q3', '2010-01-13', QUAKE('Chile', 40), [
        ['Chile', 'GPE'],
        ['Iquique', 'GPE'],
        ['Michelle Bachelet', 'PERSON'],
      ]),
      doc('o2', '2010-01-14', OSCARS('Hugh Jackman'), [['Hugh Jackman', 'PERSON']]),
      doc('q4', '2010-01-14', QUAKE('Chile', 70), [
        ['Chile', 'GPE'],
        ['Iquique', 'GPE'],
        ['Michelle Bachelet', 'PERSON'],
      ]),
    ];
    const got = new Map(articles.map((d) => [d.id, c.assign(storyFeatures(d, dayNumber), d.id).story]));
    expect(got.get('q2')).toBe(got.get('q1'));
    expect(got.get('o2')).toBe(got.get('o1'));
    expect(got.get('q4')).toBe(got.get('q3'));
    expect(got.get('q3')).not.toBe(got.get('q1'));
    expect(got.get('o1')).not.toBe(got.get('q1'));
    // stable ids: the same stream gives the same ids
    expect(got.get('q1')).toBe(storyId('q1'));
  });

  it('compares two articles part by part: words, names by kind, years, and which of them clash', () => {
    const idf = () => 1;
    const haiti = memberVectors(
      storyFeatures(
        doc('h', null, `${QUAKE('Haiti', 100)} It was the worst quake since 1946.`, [
          ['Haiti', 'GPE'],
          ['Rene Preval', 'PERSON'],
        ]),
        dayNumber,
      ),
      idf,
    );
    const chile = memberVectors(
      storyFeatures(
        doc('c', null, `${QUAKE('Chile', 40)} It was the worst quake since 1960.`, [
          ['Chile', 'GPE'],
          ['Michelle Bachelet', 'PERSON'],
        ]),
        dayNumber,
      ),
      idf,
    );
    const at = (x: number[], name: string) => x[PAIR_FEATURES.indexOf(name)];
    const same = pairFeatures(haiti, haiti);
    expect(at(same, 'words')).toBeCloseTo(1);
    expect(at(same, 'people')).toBeCloseTo(1);
    expect(at(same, 'years')).toBeCloseTo(1);
    expect(at(same, 'people clash')).toBe(0);
    const other = pairFeatures(haiti, chile);
    expect(at(other, 'words')).toBeGreaterThan(0.2); // both speak of an earthquake ...
    expect(at(other, 'words')).toBeLessThan(0.9);
    expect(at(other, 'people clash')).toBe(1); // ... with other people, places and years
    expect(at(other, 'places clash')).toBe(1);
    expect(at(other, 'years clash')).toBe(1);
    // the trained scorer has a weight for every feature
    expect(storyParams().weights).toHaveLength(PAIR_FEATURES.length);
    expect(storyParams().weights.some((w) => w !== 0)).toBe(true);
  });

  it('retires stories past the time window and keeps at most maxStories', () => {
    const c = new StoryClusterer({ threshold: 0.2, windowDays: 5, maxStories: 3 });
    const first = c.assign(
      storyFeatures(doc('a', '2010-01-01', QUAKE('Haiti', 1), [['Haiti', 'GPE']]), dayNumber),
      'a',
    );
    // the same story a month later is a new story: the old one retired
    c.assign(storyFeatures(doc('x', '2010-02-01', OSCARS('Jane Roe'), [['Jane Roe', 'PERSON']]), dayNumber), 'x');
    const later = c.assign(
      storyFeatures(doc('b', '2010-02-01', QUAKE('Haiti', 2), [['Haiti', 'GPE']]), dayNumber),
      'b',
    );
    expect(later.story).not.toBe(first.story);
    for (let i = 0; i < 20; i++)
      c.assign(
        storyFeatures(
          doc(`n${i}`, '2010-02-02', `Unrelated item number ${i} about topic${i} and thing${i}.`),
          dayNumber,
        ),
        `n${i}`,
      );
    expect(c.size).toBeLessThanOrEqual(3);
    const again = StoryClusterer.fromJSON(JSON.parse(JSON.stringify(c.toJSON())), c.params);
    expect(again.size).toBe(c.size);
  });
});

describe('story assigner', () => {
  it('puts near-duplicate copies in their original group and story, and resumes from saved state', () => {
    const [a, b] = sampleArticles();
    const rand = seededRandom(4);
    const da = doc(a.id!, a.date ?? null, a.text);
    const db = doc(b.id!, b.date ?? null, b.text);
    // far apart in time: never duplicates
    expect(new StoryAssigner().assign(da).duplicateOf).toBeNull();
    const copy = {
      ...da,
      id: 'copy-1',
      text: editArticle({ id: da.id, text: da.text }, ['byline', 'typos'], rand).text,
    };
    const assigner = new StoryAssigner();
    const la = assigner.assign(da);
    expect(la.duplicateOf).toBeNull();
    expect(la.story).toMatch(/^st-[0-9a-f]{16}$/);
    assigner.assign(db);
    expect(assigner.assign(copy)).toEqual({ duplicateOf: da.id, story: la.story });
    // a copy of the copy still points at the first document
    const resumed = new StoryAssigner(assigner.serialize());
    expect(resumed.assign({ ...copy, id: 'copy-2' })).toEqual({ duplicateOf: da.id, story: la.story });
    // damaged state starts afresh
    expect(new StoryAssigner('{not json').assign(da).duplicateOf).toBeNull();
    expect(new StoryAssigner().assign(doc('empty', null, '   '))).toEqual({ duplicateOf: null, story: null });
  });

  it('computes the features of a prepared document from its story inputs, only for a document that is no copy', () => {
    const text = `${QUAKE('Haiti', 100)} The quake of January 12 was the worst since 1994.`;
    const coded: CodedDocument = {
      ...doc('quake-1', '2010-01-13', text, [
        ['Haiti', 'GPE'],
        ['Rene Preval', 'PERSON'],
        ['Port-au-Prince', 'GPE'],
        ['Tuesday', 'DATE' as Entity['type']],
      ]),
      title: 'Earthquake strikes Haiti',
      sentences: [
        { start: 0, end: 97 },
        { start: 98, end: 180 },
        { start: 181, end: text.length },
      ],
      times: [
        {
          start: text.indexOf('January 12'),
          end: text.indexOf('January 12') + 10,
          text: 'January 12',
          type: 'DATE',
          value: '2010-01-12',
        },
      ],
      places: [
        {
          start: 34,
          end: 39,
          text: 'Haiti',
          name: 'Haiti',
          country: 'HTI',
          lat: 19,
          lon: -72.4,
          geonameId: 3723988,
          featureCode: 'PCLI',
        },
      ],
    };
    // what a coding worker sends (through a message), and the prepared document's own fields
    const inputs = structuredClone(storyInputs(coded));
    const prepared = { id: coded.id, text: coded.text, title: coded.title ?? null, date: coded.date };
    const features = storyFeaturesOf(prepared, inputs, dayNumber);
    expect(features).toEqual(storyFeatures(coded, dayNumber));
    expect([...features.names.keys()]).toEqual(
      expect.arrayContaining(['g:haiti', 'p:rene preval', 'p:preval', 'g:port au prince', 'g:#3723988']),
    );
    expect([...features.dates.keys()]).toEqual(
      expect.arrayContaining(['2010-01-12', '2010-01', '--01-12', '2010', '1994']),
    );
    expect(features.words.get('^earthquake')).toBeGreaterThanOrEqual(2); // title words count twice
    expect(features.words.has('^tsunami')).toBe(false);

    const sig = (d: { title: string | null; text: string }) =>
      textSignature(d.title ? `${d.title}\n${d.text}` : d.text);
    const assigner = new StoryAssigner();
    const first = assigner.assignPrepared(prepared, sig(prepared), inputs);
    expect(first.story).toMatch(/^st-/);
    // a copy joins the original's story without features: its inputs are never read
    const copy = { ...prepared, id: 'quake-1-copy' };
    expect(assigner.assignPrepared(copy, sig(copy), null)).toEqual({ duplicateOf: 'quake-1', story: first.story });
  });

  it('ingest groups copies, threads stories and continues them in the next ingest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-stories-'));
    const base = sampleArticles().slice(0, 6);
    const rand = seededRandom(9);
    const copies = base.slice(0, 3).map((d, i) => ({
      ...d,
      id: `${d.id}-wire${i}`,
      source: 'Other Wire',
      text: editArticle({ id: d.id!, text: d.text }, ['dateline', 'boilerplate'], rand).text,
    }));
    writeJsonl(join(dir, 'one.jsonl'), base);
    writeJsonl(join(dir, 'two.jsonl'), copies);
    const store = new SqliteStore(join(dir, 's.db'));
    const coder = new InlineCoder('text');
    await runIngest([join(dir, 'one.jsonl')], { store, coder, progress: null, pipeline: 't' });
    expect(await store.loadIndexState(ASSIGNER_STATE)).not.toBeNull();
    await store.close();
    const again = new SqliteStore(join(dir, 's.db'));
    await runIngest([join(dir, 'two.jsonl')], { store: again, coder, progress: null, pipeline: 't' });
    for (const [i, c] of copies.entries()) {
      const got = await again.getDocument(c.id!);
      const orig = await again.getDocument(base[i].id!);
      expect(got?.summary.duplicateOf).toBe(base[i].id);
      expect(got?.summary.story).toBe(orig?.summary.story);
    }
    const stats = await again.stats();
    expect(stats.duplicates).toBe(3);
    expect(stats.stories).toBeGreaterThan(0);
    expect(stats.stories).toBeLessThanOrEqual(6);
    const stories = await again.listStories({ limit: 100 });
    expect(stories.items.reduce((s, x) => s + x.articles, 0)).toBe(9);
    await again.close();
  });
});
