import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDoc } from '../../src/doc/doc.js';
import { analyzeText, loadTextResources, textStage } from '../../src/text/index.js';
import { hasShared, REFERENCE, repoDir } from '../shared.js';

const res = loadTextResources(join(repoDir, 'data'));
const sentences = (s: string) => analyzeText(s, res).sentences.map((x) => s.slice(x.start, x.end));

describe('the text stage', () => {
  it('runs alone and adds paragraphs, tokens, sentences and the dateline', () => {
    const doc = textStage.run(
      createDoc({ text: 'TOKYO (AFP) - Japan met Mr. Kim. They talked.\nNo deal.' }),
      textStage.load({ dataDir: join(repoDir, 'data') }),
      { explain: false },
    );
    expect(doc.layers).toEqual(['paragraphs', 'tokens', 'sentences']);
    expect(doc.paragraphs.length).toBe(2);
    expect(doc.sentences.map((s) => doc.text.slice(s.start, s.end))).toEqual([
      'TOKYO (AFP) -',
      'Japan met Mr. Kim.',
      'They talked.',
      'No deal.',
    ]);
    expect(doc.dateline?.agency).toBe('AFP');
    expect(doc.tokens.every((t) => doc.text.slice(t.start, t.end) === t.text)).toBe(true);
    expect(doc.tokens.at(-1)).toMatchObject({ text: '.', sentence: 3 });
    expect(doc.explain).toEqual([]);
  });
  it('explains datelines and abbreviation decisions when asked', () => {
    const doc = textStage.run(
      createDoc({ text: 'LONDON (Reuters) - Dr. Ruiz moved to the U.S. The move was quick.' }),
      res,
      { explain: true },
    );
    const messages = doc.explain.map((n) => `${n.sentence} ${n.message}`);
    expect(messages.some((m) => m.startsWith('0 dateline "LONDON (Reuters) -"'))).toBe(true);
    expect(messages.some((m) => m.startsWith('1 ') && m.includes('"Dr."'))).toBe(true);
    expect(messages.some((m) => m.startsWith("1 ends at an abbreviation's period") && m.includes('"The"'))).toBe(true);
  });
});

describe('the reference article', () => {
  it.runIf(hasShared('examples'))('splits every sentence of the reference article', () => {
    const text = readFileSync(REFERENCE(), 'utf8');
    const s = sentences(text);
    expect(s.length).toBe(23);
    expect(s[3]).toBe(
      '"We have taken the position that the abduction issue has been settled, and there\'s no change in our position," he said in Ulan Bator.',
    );
    expect(s[10]).toBe('"I can\'t help but say there was no major progress, but it led to future dialogue.');
    // every sentence starts a paragraph, follows a sentence end, or opens with a quote
    for (const x of analyzeText(text, res).sentences.slice(1))
      expect(text.slice(x.start - 2, x.start)).toMatch(/[.!?"”]\s|\n$/);
  });
});
