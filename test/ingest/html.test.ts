import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors.js';
import { flattenMarkup, htmlToDocument, markupDepth } from '../../src/ingest/html.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (err) {
    return describeError(err).code;
  }
};

describe('hostile HTML', () => {
  it('reads a pathologically deep page quickly, with its text', () => {
    const n = 60000;
    const html = `<html><head><title>Deep</title></head><body><p>${'<div>'.repeat(n)}Japan and North Korea met.${'</span>'.repeat(n)}<p>Second &amp; last.</body></html>`;
    expect(markupDepth(html)).toBeGreaterThan(n);
    const t = performance.now();
    const doc = htmlToDocument(html, 'deep');
    expect(performance.now() - t).toBeLessThan(5000);
    expect(doc.title).toBe('Deep');
    expect(doc.text).toContain('Japan and North Korea met.');
    expect(doc.text).toContain('Second & last.');
  });

  it('flattens without losing text or keeping scripts', () => {
    const flat = flattenMarkup(
      '<head><title>T</title></head><div><b>Bold</b> words<script>var x = "<p>"</script></div>',
    );
    expect(flat).toContain('<title>T</title>');
    expect(flat).toContain('Bold');
    expect(flat).toContain('words');
    expect(flat).not.toContain('var x');
    expect(markupDepth('<div><p>a</p><br><img src=x><p>b</p></div>')).toBe(2);
  });

  it('answers a clear error, not an internal one, for pages that are not pages', () => {
    expect(codeOf(() => htmlToDocument(`<!--${'<!--'.repeat(1000)}<p>Japan met Korea.`, 'c'))).toBe('no-body');
    expect(codeOf(() => htmlToDocument('<a'.repeat(100000), 'a'))).toBe('malformed-html');
    expect(codeOf(() => htmlToDocument('<html><head><title>x</title></head></html>', 'e'))).toBe('no-body');
  });

  it('keeps the text of malformed markup', () => {
    const doc = htmlToDocument(
      '<html><body><p>Japan met Korea.<div><p>More <b>text</i> here &bogus; &#99999999;<table><tr><td>cell<p>Iran threatened Israel <!-- open',
      'm',
    );
    expect(doc.text).toMatch(/Japan met Korea\.\nMore text here &bogus; \uFFFD\ncell\nIran threatened Israel/);
  });
});
