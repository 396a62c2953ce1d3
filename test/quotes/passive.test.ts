// The subject of a passive cue is what is reported ("The meeting was first reported by
// Politico"): a learned frame of its own (`nsubj:pass`), the agent the source; other subjects
// never carry content.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadQuoteLexicon, parseFrames } from '../../src/quotes/01-lexicon.js';
import { DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { codeText } from './helpers.js';

describe('passive cues', () => {
  it('keeps the passive subject frame and no other subject frame', () => {
    const f = parseFrames([
      ['report', 'nsubj:pass', '10', '18', '0.556'],
      ['report', 'nsubj', '3', '30', '0.100'],
      ['report', 'ccomp', '50', '60', '0.833'],
    ]);
    expect([...(f.get('report')?.keys() ?? [])].sort()).toEqual(['ccomp', 'nsubj:pass']);
  });

  it('proposes the passive subject as content and the agent as source', () => {
    const text = 'The secret meeting was first reported by Politico on Tuesday.';
    const doc = codeText(text);
    const lex = loadQuoteLexicon(defaultDataDir());
    const seen: Array<{ content: string; speaker: string }> = [];
    findAttributions(doc, lex, {
      ...DEFAULT_OPTIONS,
      minRate: 0.05,
      collect: (a) => {
        if (doc.tokens[a.cueFirst].text !== 'reported') return;
        seen.push({
          content: a.pieces.map((p) => text.slice(p.start, p.end)).join(' … '),
          speaker:
            a.speakerFirst >= 0 ? text.slice(doc.tokens[a.speakerFirst].start, doc.tokens[a.speakerLast].end) : '',
        });
      },
    });
    expect(seen).toContainEqual({ content: 'The secret meeting', speaker: 'Politico' });
  });
});
