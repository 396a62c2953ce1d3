import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCode } from '../../src/cli/code.js';
import { hasShared, REFERENCE, repoDir, sharedDir } from '../shared.js';

async function code(files: string[], opts: Parameters<typeof runCode>[1] = {}) {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: string[] = [];
  const errs: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  err.on('data', (c) => errs.push(String(c)));
  const summary = await runCode(files, { ...opts, out, err });
  return { summary, stdout: chunks.join(''), stderr: errs.join('') };
}

function badInputs(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ew-bad-'));
  writeFileSync(join(dir, 'a-empty.txt'), '');
  writeFileSync(join(dir, 'b-binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3, 0, 255]));
  writeFileSync(join(dir, 'c-latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b]));
  writeFileSync(join(dir, 'd-good.txt'), 'Japan and North Korea met on Thursday.');
  writeFileSync(
    join(dir, 'e-docs.jsonl'),
    '{"id":"j1","text":"China criticised Japan."}\n{not json\n{"id":"j3"}\n' +
      `{"id":"huge","text":"${'x'.repeat(3 * 1024 * 1024)}"}\n{"id":"j5","text":"Talks resumed.","date":"2007-09-06","lang":"en"}\n`,
  );
  writeFileSync(join(dir, 'f-nobody.html'), '<html><head><title>Only a title</title></head></html>');
  writeFileSync(join(dir, 'g-oneline.txt'), 'a'.repeat(3 * 1024 * 1024));
  return dir;
}

describe('eventwire code', () => {
  it('gives one clear error per bad document and codes the others', async () => {
    const dir = badInputs();
    const files = [
      'a-empty.txt',
      'b-binary.txt',
      'c-latin1.txt',
      'd-good.txt',
      'e-docs.jsonl',
      'f-nobody.html',
      'g-oneline.txt',
    ].map((f) => join(dir, f));
    const { summary, stdout, stderr } = await code(files, { output: 'jsonl', maxBytes: 2 * 1024 * 1024 });
    const docs = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const errors = docs.filter((d) => d.error).map((d) => d.error.code);
    expect(errors).toEqual([
      'empty',
      'binary',
      'encoding',
      'malformed-json',
      'missing-text',
      'too-large',
      'no-body',
      'too-large',
    ]);
    const good = docs.filter((d) => !d.error);
    expect(good.map((d) => d.id)).toEqual(['d-good', 'j1', 'j5']);
    // the input's unknown fields, beside how the events were scored
    expect(good[2].meta).toMatchObject({ lang: 'en', eventCoding: { quadConvention: 'gdelt' } });
    expect(good[2].date).toBe('2007-09-06');
    expect(summary).toEqual({ coded: 3, failed: 8 });
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(8);
    for (const l of lines) expect(l).toMatch(/^eventwire: \S.*: [a-z-]+: .+$/);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack traces
  });

  it('prints one JSON document with every SPEC array', async () => {
    const dir = badInputs();
    const { stdout } = await code([join(dir, 'd-good.txt')], { date: '2007-09-06' });
    const doc = JSON.parse(stdout);
    expect(doc.id).toBe('d-good');
    expect(doc.date).toBe('2007-09-06');
    for (const k of ['sentences', 'entities', 'actors', 'times', 'places', 'quotes', 'events'])
      expect(Array.isArray(doc[k])).toBe(true);
    expect(doc.sentences).toEqual([{ start: 0, end: 38 }]);
  });

  it('prints the events TSV header', async () => {
    const dir = badInputs();
    const { stdout } = await code([join(dir, 'd-good.txt')], { output: 'events-tsv' });
    expect(stdout.split('\n')[0]).toBe(
      'doc_id\tdate\tsource_code\ttarget_code\tcode\troot\tgoldstein\tquad_class\tplace_name\tcountry\tlat\tlon\tsentence\ttrigger',
    );
  });

  it('extracts body, title and date from HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-html-'));
    const para = 'Japan and North Korea held talks in Mongolia on Thursday, officials said. '.repeat(4);
    writeFileSync(
      join(dir, 'page.html'),
      `<html><head><title>Site | Talks</title><meta property="og:title" content="Talks end">
       <meta property="article:published_time" content="2007-09-06T10:00:00Z"><meta property="og:site_name" content="Example News">
       <script>var x = "<p>not text</p>";</script></head>
       <body><nav>Home | World</nav><article><h1>Talks end</h1><p>${para}</p><p>Second paragraph with more words here.</p></article></body></html>`,
    );
    const { stdout } = await code([join(dir, 'page.html')]);
    const doc = JSON.parse(stdout);
    expect(doc.title).toBe('Talks end');
    expect(doc.date).toBe('2007-09-06');
    expect(doc.source).toBe('Example News');
    expect(doc.text).toContain('held talks in Mongolia');
    expect(doc.text).toContain('\nSecond paragraph');
    expect(doc.text).not.toContain('not text');
  });
});

describe('the eventwire command', () => {
  const bin = join(repoDir, 'bin/eventwire.js');
  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [bin, ...args], { input, encoding: 'utf8' });

  it('exits 0, 1 and 2 as SPEC.md says', () => {
    expect(run(['code', '--date', '2007-09-06'], 'Japan met China.').status).toBe(0);
    const dir = badInputs();
    const bad = run(['code', join(dir, 'a-empty.txt'), join(dir, 'd-good.txt')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('a-empty.txt (a-empty): empty: document is empty');
    expect(run(['code', '--date', 'yesterday'], 'x').status).toBe(2);
    expect(run(['code', '--output', 'xml'], 'x').status).toBe(2);
    expect(run(['frobnicate']).status).toBe(2);
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: eventwire');
    expect(run(['code', '--help']).stdout).toContain('--date');
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('stops quietly when the reader of its output goes away', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ew-pipe-'));
    const lines = Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `d${i}`, text: 'China praised Japan.' }));
    writeFileSync(join(dir, 'many.jsonl'), `${lines.join('\n')}\n`);
    const r = spawnSync(
      '/bin/sh',
      ['-c', `"${process.execPath}" "${bin}" code "${join(dir, 'many.jsonl')}" | head -c 10`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
  });

  it.runIf(hasShared('examples'))('codes the reference article to the contract', () => {
    const r = run(['code', '--date', '2007-09-06', REFERENCE()]);
    expect(r.status).toBe(0);
    const check = spawnSync(process.execPath, [join(sharedDir, 'tools/check-coded.mjs')], {
      input: r.stdout,
      encoding: 'utf8',
    });
    expect(check.stdout).toContain('0 problems');
    expect(JSON.parse(r.stdout).sentences).toHaveLength(23);
  });
});
