// The learned choice of the speaker span (data/quotes/speakers.json): it loads, its candidates
// are phrases of the cue's sentence outside the content, the ranking trainer is deterministic,
// and on news sentences it keeps PolNeAR's extent of the source (party tags, appositives, a
// quantity's head) while the speaker still resolves to its actor.
import { describe, expect, it } from 'vitest';
import { type RankExample, rankAccuracy, trainRanker } from '../../scripts/train-speakers.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { loadQuoteLexicon } from '../../src/quotes/index.js';
import {
  choosable,
  dropRepeated,
  loadSpeakerModel,
  speakerCandidates,
  speakerContext,
} from '../../src/quotes/speaker-choice.js';
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

  it('proposes the clause after an inverted cue and before the cue, whatever the parse says', () => {
    const lex = loadQuoteLexicon(defaultDataDir());
    const spansOf = (text: string) => {
      const doc = codeText(text, '2016-01-01');
      const r = findAttributions(doc, lex, DEFAULT_OPTIONS);
      const a = r.attributions.find((x) => choosable(r, x));
      expect(a, text).toBeDefined();
      if (!a) return new Map<string, string>();
      const out = new Map<string, string>();
      for (const c of speakerCandidates(speakerContext(doc, r, 12), a))
        if (c.first >= 0) out.set(text.slice(doc.tokens[c.first].start, doc.tokens[c.last].end), c.ext);
      return out;
    };
    // after the cue: up to each comma and to the end of the sentence
    const after = spansOf(
      '“The numbers are not good for us,” said Maria Lopez, 47, a nurse from Tucson who backs the governor.',
    );
    expect(after.has('Maria Lopez, 47, a nurse from Tucson who backs the governor')).toBe(true);
    expect(after.has('Maria Lopez, 47,')).toBe(true);
    expect(after.has('Maria Lopez')).toBe(true);
    // a parse that reads the speaker as an adjective clause ("said one Republican | familiar ...")
    const text = '“That plan will never pass,” said one Republican familiar with the talks.';
    expect(spansOf(text).has('one Republican familiar with the talks')).toBe(true);
    expect(speakerText(codeText(text, '2016-01-01'), 0)).toBe('one Republican familiar with the talks');
    // before the cue: from each comma or the start of the sentence, with the closing comma, not the
    // adverb before the cue
    const before = spansOf('Tom Reyes, the head of the county party, also wrote on Friday that the count was fair.');
    expect(before.has('Tom Reyes, the head of the county party,')).toBe(true);
    expect(before.has('Tom Reyes, the head of the county party')).toBe(true);
    expect([...before.keys()].some((s) => s.endsWith('also'))).toBe(false);
    // the windows take nothing of the content or the quotation
    for (const [s, ext] of [...after, ...before]) {
      if (!ext.startsWith('win')) continue;
      expect(s.includes('numbers')).toBe(false);
      expect(s.includes('count was')).toBe(false);
    }
  });

  it('keeps one attribution of a statement reported by two cues with the same speaker', () => {
    const base = {
      kind: 'indirect' as const,
      pieces: [{ start: 30, end: 60 }],
      speakerFirst: 0,
      speakerLast: 1,
      speakerHead: 1,
      cueFirst: 3,
      cueLast: 3,
      cue: null,
      addresseeFirst: -1,
      addresseeLast: -1,
      carriedFrom: -1,
      segments: [],
      confidence: 0.4,
      how: 'ccomp',
    };
    const made = { ...base };
    const argument = { ...base, cueFirst: 5, cueLast: 5, confidence: 0.7 };
    const other = { ...base, speakerFirst: 8, speakerLast: 8, speakerHead: 8 };
    const nobody = { ...base, speakerFirst: -1, speakerLast: -1, speakerHead: -1 };
    const nobody2 = { ...nobody, cueFirst: 5, cueLast: 5 };
    const kept = dropRepeated([made, argument, other, nobody, nobody2]);
    expect(kept).toEqual([argument, other, nobody, nobody2]);
  });
});
