import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runParseConllu } from '../../src/cli/parse.js';
import { formatConlluSentence, parseConllu } from '../../src/conllu/conllu.js';
import { repoDir } from '../shared.js';

const fixture = join(repoDir, 'test/syntax/fixtures/small.conllu');

async function parseFile(file: string): Promise<string> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  await runParseConllu(file, { out, dataDir: join(repoDir, 'data') });
  return chunks.join('');
}

describe('CoNLL-U writer', () => {
  it('round-trips comments, multiword tokens and empty nodes', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(fixture, 'utf8');
    const again = [...parseConllu(text)].map((s) => formatConlluSentence(s)).join('');
    expect(again).toBe(text);
  });
});

describe('eventwire parse --conllu', () => {
  it('fills UPOS, XPOS, LEMMA, HEAD, DEPREL and keeps the rest', async () => {
    const out = await parseFile(fixture);
    const lines = out.split('\n');
    expect(lines[0]).toBe('# sent_id = own-1');
    expect(lines).toContain("3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_");
    expect(lines.some((l) => l.startsWith('3.1\tmet\t'))).toBe(true);
    const sents = [...parseConllu(out)];
    expect(sents).toHaveLength(2);
    for (const s of sents) {
      expect(s.words.filter((w) => w.head === 0)).toHaveLength(1);
      for (const w of s.words) {
        expect(w.upos).not.toBe('_');
        expect(w.lemma).not.toBe('_');
        expect(w.head).toBeGreaterThanOrEqual(0);
        expect(w.head).toBeLessThanOrEqual(s.words.length);
      }
    }
    // other columns copied: DEPS and MISC
    expect(sents[1].words[0].deps).toBe('2:nsubj|4:nsubj');
    expect(sents[0].words[4].misc).toBe('SpaceAfter=No');
    expect(sents[0].words[1].lemma).toBe('envoy');
    expect(sents[1].words[1].lemma).toBe('meet');
  });

  it('exits 1 for a missing or malformed file and 2 for usage errors', () => {
    const bin = join(repoDir, 'bin/eventwire.js');
    const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'ew-conllu-'));
    writeFileSync(join(dir, 'bad.conllu'), '1\tonly\tthree\n');
    writeFileSync(join(dir, 'empty.conllu'), '');
    const missing = run(['parse', '--conllu', join(dir, 'nope.conllu')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const bad = run(['parse', '--conllu', join(dir, 'bad.conllu')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('line 1');
    expect(bad.stderr).not.toContain('    at ');
    expect(run(['parse', '--conllu', join(dir, 'empty.conllu')]).status).toBe(1);
    expect(run(['parse']).status).toBe(2);
    expect(run(['parse', '--conllu']).status).toBe(2);
    const ok = run(['parse', '--conllu', fixture]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('# text = Ministers met and talked.');
  });
});
