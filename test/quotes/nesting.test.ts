// The nesting features of the learned check (src/quotes/06-filter.ts `nestingFeatures`): a
// report inside another's content ("X said ... Y criticized Z") is described by the outer
// attribution, whether its content holds the cue or only its cue governs it in the parse.
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadQuoteLexicon } from '../../src/quotes/01-lexicon.js';
import { DEFAULT_OPTIONS, findAttributions } from '../../src/quotes/04-attribute.js';
import { codeText } from './helpers.js';

function featuresByCue(text: string, nest: boolean): Map<string, string[]> {
  const doc = codeText(text);
  const lex = loadQuoteLexicon(defaultDataDir());
  const out = new Map<string, string[]>();
  findAttributions(doc, lex, {
    ...DEFAULT_OPTIONS,
    minRate: 0.05,
    nestFeatures: nest,
    collect: (a, feats) => {
      const w = doc.tokens[a.cueFirst].text;
      if (!out.has(w)) out.set(w, feats);
    },
  });
  return out;
}

describe('nesting features of the check', () => {
  const text = 'The senator said on Monday that the governor claimed the plan would fail.';

  it('describes the inner report by the outer cue and their different speakers', () => {
    const f = featuresByCue(text, true);
    const inner = f.get('claimed') ?? [];
    const outer = f.get('said') ?? [];
    expect(inner.some((x) => x.startsWith('nest-via='))).toBe(true);
    expect(inner).toContain('nest-ol=say');
    // the inner speaker is not the outer one
    expect(inner.some((x) => x === 'nest-sp=same')).toBe(false);
    // the outer attribution nests in nothing
    expect(outer).toContain('nest=none');
  });

  it('adds nothing without the option (models trained before them)', () => {
    const f = featuresByCue(text, false);
    for (const feats of f.values())
      expect(feats.some((x) => x.startsWith('nest-') || x.startsWith('nest='))).toBe(false);
  });
});
