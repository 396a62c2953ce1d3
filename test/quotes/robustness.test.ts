// Bad and hostile input: the quotes stage never throws, keeps its spans inside the text, and
// stays linear in the size of the document.
import { describe, expect, it } from 'vitest';
import { createDoc, type Doc } from '../../src/doc/doc.js';
import { defaultDataDir, Pipeline } from '../../src/pipeline/pipeline.js';
import { findQuotes, loadQuotesResources, quotesStage } from '../../src/quotes/index.js';
import { syntaxStage } from '../../src/syntax/index.js';
import { textStage } from '../../src/text/index.js';
import { codeText, speakerText } from './helpers.js';

const res = loadQuotesResources(defaultDataDir());
const prep = new Pipeline([textStage, syntaxStage]);
const prepared = (text: string): Doc => prep.run(createDoc({ id: 'r', text, date: null }));

function checkSpans(doc: Doc) {
  for (const q of doc.quotes) {
    expect(q.start).toBeGreaterThanOrEqual(0);
    expect(q.end).toBeLessThanOrEqual(doc.text.length);
    expect(q.end).toBeGreaterThan(q.start);
    expect(doc.text.slice(q.start, q.end)).toBe(q.text);
    for (const p of q.parts ?? []) expect(p.end).toBeGreaterThan(p.start);
    if (q.cue) expect(doc.text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
  }
}

describe('quotes stage on bad input', () => {
  it('handles empty text, no quotes, and text without words', () => {
    for (const t of ['', ' ', '\n\n', '...', '""', '“”', '" "', 'No quotation here at all.']) {
      const doc = quotesStage.run(prepared(t), res, { explain: true });
      checkSpans(doc);
      expect(doc.layers).toContain('quotes');
    }
    expect(codeText('The weather was fine on Monday. Markets rose.').quotes).toEqual([]);
  });

  it('survives unbalanced marks and keeps the balanced quotes', () => {
    const doc = codeText('He said "this never ends. Then “she left. Later, "We are done," the minister said.');
    checkSpans(doc);
    const direct = doc.quotes.filter((q) => q.kind === 'direct');
    expect(direct.map((q) => q.text)).toContain('We are done,');
  });

  it('reads a quote nested in a quote as part of the outer one', () => {
    const doc = codeText('“He told me ‘never again’ and left,” the witness said.');
    checkSpans(doc);
    expect(doc.quotes).toHaveLength(1);
    expect(doc.quotes[0].text).toBe('He told me ‘never again’ and left,');
    expect(doc.quotes[0].kind).toBe('direct');
  });

  it('takes a quote of 10,000 characters whole', () => {
    const body = `${'We will not give up on this and we will keep going. '.repeat(196)}We will win`;
    const doc = codeText(`"${body}," the minister said.`);
    checkSpans(doc);
    expect(doc.quotes).toHaveLength(1);
    expect(doc.quotes[0].text.length).toBeGreaterThan(10000);
    expect(speakerText(doc, 0)).toBe('the minister');
  });

  it('survives binary noise and hostile strings', () => {
    const noise = Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    for (const t of [
      noise,
      '"'.repeat(5000),
      '“'.repeat(3000) + '”'.repeat(3000),
      `said ${'" '.repeat(4000)}`,
      "''".repeat(3000),
    ]) {
      const doc = quotesStage.run(prepared(t), res, { explain: false });
      checkSpans(doc);
    }
  });

  it('grows linearly with the document', () => {
    const unit =
      '"We will keep talking," the minister said in Tokyo. Officials said the talks would resume, ' +
      'according to the agency. "It is hard," she told Reuters, "but we have time." He said "unbalanced.\n';
    const small = prepared(unit.repeat(80));
    const big = prepared(unit.repeat(640));
    // CPU time, not wall time: the machine may be busy with other work
    const time = (d: Doc) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 5; i++) {
        const c0 = process.cpuUsage();
        findQuotes(d, res);
        const c = process.cpuUsage(c0);
        best = Math.min(best, (c.user + c.system) / 1000);
      }
      return best;
    };
    // warm both sizes first: a cold optimizing compile would count as growth
    time(small);
    time(big);
    const ratio = time(big) / Math.max(time(small), 0.5);
    // 8 times the text: linear is ~8, quadratic would be ~64
    expect(ratio).toBeLessThan(32);
    expect(findQuotes(big, res).length).toBeGreaterThan(640 * 3);
  });
});
