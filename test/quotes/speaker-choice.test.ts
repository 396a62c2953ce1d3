// The learned choice of the speaker span (data/quotes/speakers.json): it loads, its candidates
// are phrases of the cue's sentence outside the content, the ranking trainer is deterministic,
// and on news sentences it keeps PolNeAR's extent of the source (party tags, appositives, a
// quantity's head) while the speaker still resolves to its actor.
import { describe, expect, it } from 'vitest';
import { type RankExample, rankAccuracy, trainRanker } from '../../scripts/train-speakers.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { loadQuoteLexicon } from '../../src/quotes/index.js';
import { choosable, loadSpeakerModel, speakerCandidates, speakerContext } from '../../src/quotes/speaker-choice.js';
import { codeText, speakerText } from './helpers.js';

describe('speaker choice', () => {
  it('loads the model', () => {
    const m = loadSpeakerModel(defaultDataDir());
    expect(m).not.toBeNull();
    if (!m) return;
    expect(m.weights.length).toBe(1 << m.bits);
    expect(m.weights.some((w) => w !== 0)).toBe(true);
  });

  it('proposes no speaker, the rules’ phrase and other phrases of the sentence, none inside the content', () => {
    const text =
      'Brian Fallon, the campaign’s press secretary, said on Monday that the report about the senator was wrong.';
    const doc = codeText(text, '2016-01-01');
    const r = findAttributions(doc, loadQuoteLexicon(defaultDataDir()), DEFAULT_OPTIONS);
    const a = r.attributions.find((x) => choosable(r, x));
    expect(a).toBeDefined();
    if (!a) return;
    const cands = speakerCandidates(speakerContext(doc, r, 12), a);
    expect(cands[0].first).toBe(-1);
    expect(cands.some((c) => c.ext === 'rule' && c.first === a.speakerFirst && c.last === a.speakerLast)).toBe(true);
    const spans = new Set(
      cands.filter((c) => c.first >= 0).map((c) => text.slice(doc.tokens[c.first].start, doc.tokens[c.last].end)),
    );
    expect(spans.has('Brian Fallon')).toBe(true);
    expect(spans.has('Brian Fallon, the campaign’s press secretary,')).toBe(true);
    const content = a.pieces[0];
    for (const c of cands)
      if (c.first >= 0 && c.ext !== 'rule') {
        const h = doc.tokens[c.head].start;
        expect(h >= content.start && h < content.end).toBe(false);
        expect(c.feats.every((f) => f >= 0 && f < 1 << 12)).toBe(true);
      }
  });

  it('trains a ranker deterministically that puts the gold candidate first', () => {
    // candidate features: 1 = a good sign, 2 = a bad one, 3 = noise
    const ex: RankExample[] = [];
    for (let i = 0; i < 60; i++) {
      const gold = i % 3;
      const cands = [0, 1, 2].map((k) => Int32Array.from(k === gold ? [1, 3] : [2, 3]));
      ex.push({ cands, gold });
    }
    const a = trainRanker(ex, 3, 4);
    const b = trainRanker(ex, 3, 4);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[1]).toBeGreaterThan(a[2]);
    expect(rankAccuracy(ex, a)).toBe(1);
  });

  it('keeps the extent of the source as PolNeAR marks it, and the speaker’s actor', () => {
    const cases: Array<[string, string]> = [
      ['Sen. Bernie Sanders (I-Vt.) said on Tuesday that the plan would fail.', 'Sen. Bernie Sanders (I-Vt.)'],
      [
        'Six in 10 Virginia Democratic primary voters said Clinton is honest.',
        'Six in 10 Virginia Democratic primary voters',
      ],
      [
        'Brian Fallon, the campaign’s press secretary, said the report was wrong.',
        'Brian Fallon, the campaign’s press secretary,',
      ],
      [
        'Republican presidential front-runner Donald Trump said the wall would be built.',
        'Republican presidential front-runner Donald Trump',
      ],
    ];
    for (const [text, speaker] of cases) {
      const doc = codeText(text, '2016-01-01');
      expect(doc.quotes.length, text).toBeGreaterThan(0);
      expect(speakerText(doc, 0), text).toBe(speaker);
    }
    const doc = codeText(
      'Republican presidential front-runner Donald Trump said the wall would be built.',
      '2016-01-01',
    );
    const actor = doc.actors.find((x) => x.id === doc.quotes[0].speaker?.actor);
    expect(actor?.name).toContain('Trump');
  });
});
