// The quotes data files load, and every line is well formed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { loadQuoteLexicon } from '../../src/quotes/01-lexicon.js';

const dir = join(defaultDataDir(), 'quotes');
const rows = (file: string) =>
  readFileSync(join(dir, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));

describe('quotes data', () => {
  it('cues.tsv: lemma, class, frames, source on every line', () => {
    for (const r of rows('cues.tsv')) {
      expect(r, r.join('|')).toHaveLength(4);
      expect(['speech', 'cognition', 'intent', 'nominal']).toContain(r[1]);
      for (const f of r[2].split(',')) expect(['ccomp', 'xcomp', 'obj', 'quote', '-']).toContain(f);
      expect(['L', 'P', 'H']).toContain(r[3]);
    }
  });

  it('via.tsv and cue-frames.tsv are well formed', () => {
    for (const r of rows('via.tsv')) {
      expect(['after', 'addressee']).toContain(r[1]);
      expect(['strong', 'weak']).toContain(r[2]);
    }
    for (const r of rows('cue-frames.tsv')) {
      expect(r).toHaveLength(5);
      const [, , n, total, rate] = r.map(Number);
      expect(n).toBeLessThanOrEqual(total);
      expect(rate).toBeCloseTo(n / total, 2);
    }
  });

  it('loads into lookups', () => {
    const lex = loadQuoteLexicon(defaultDataDir());
    expect(lex.cues.get('say')?.cls).toBe('speech');
    expect(lex.cues.get('according to')?.cls).toBe('nominal');
    expect(lex.frames.get('say')?.get('ccomp')).toBeGreaterThan(0.5);
    expect(lex.via.get('as')?.[0].words).toEqual(['as', 'quoted', 'by']);
    expect(lex.media.has('twitter')).toBe(true);
  });
});
