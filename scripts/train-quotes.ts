// `npm run train:quotes`: learn which (cue lemma, complement relation) pairs carry attributed
// content, from the PolNeAR training annotations (../shared/data/polnear/train.jsonl).
// For every gold attribution the cue's head word and the relation that links it to the content
// in our own parse are counted ("say" + ccomp, "call" + obl:for, "accord" + ^obl = the cue hangs
// on the content); every token of the training texts with the same lemma and relation counts
// as an occurrence. The pairs seen at least MIN_COUNT times, with their rate, go to
// data/quotes/cue-frames.tsv. No text of the corpus is written out, only lemmas and counts.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hasShared, readJsonl, sharedPath } from '../eval/lib.js';
import type { Doc } from '../src/doc/doc.js';
import { Pipeline } from '../src/pipeline/pipeline.js';
import { buildParseView, frameRelation, headOf, type ParseView } from '../src/quotes/03-tree.js';
import { syntaxStage } from '../src/syntax/index.js';
import { textStage } from '../src/text/index.js';

const MIN_COUNT = Number(process.env.QUOTES_MIN_COUNT ?? 2);
const MIN_RATE = Number(process.env.QUOTES_MIN_RATE ?? 0.15);
const LIMIT = Number(process.env.QUOTES_LIMIT ?? 0);
const repo = resolve(import.meta.dirname, '..');

interface Gold {
  cue: { spans: Array<[number, number]> } | null;
  content: { spans: Array<[number, number]> } | null;
}
interface Rec {
  id: string;
  date: string | null;
  text: string;
  attributions: Gold[];
}

if (!hasShared('data/polnear/train.jsonl')) {
  console.error('needs ../shared/data/polnear/train.jsonl');
  process.exit(1);
}
let recs = readJsonl<Rec>(sharedPath('data/polnear/train.jsonl'));
if (LIMIT) recs = recs.slice(0, LIMIT);
const pipeline = new Pipeline([textStage, syntaxStage]);
const pos = new Map<string, number>();
const all = new Map<string, number>();
const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const lemmaOf = (v: ParseView, i: number) => (v.tokens[i].lemma ?? v.lower[i]).toLowerCase();

function tokensIn(doc: Doc, spans: Array<[number, number]>): Set<number> {
  const out = new Set<number>();
  for (const [s, e] of spans)
    for (let i = 0; i < doc.tokens.length; i++) {
      const t = doc.tokens[i];
      if (t.start >= e) break;
      if (t.end > s && t.start < e) out.add(i);
    }
  return out;
}

const t0 = performance.now();
let linked = 0;
let unlinked = 0;
for (const [n, r] of recs.entries()) {
  const doc = pipeline.run({ id: r.id, text: r.text, date: r.date });
  const v = buildParseView(doc.tokens);
  // every (lemma, relation) occurrence
  for (let j = 0; j < doc.tokens.length; j++) {
    const h = headOf(v, j);
    if (h < 0) continue;
    inc(all, `${lemmaOf(v, h)}\t${frameRelation(v, j)}`);
    inc(all, `${lemmaOf(v, j)}\t^${frameRelation(v, j)}`);
  }
  for (const a of r.attributions) {
    if (!a.cue?.spans.length || !a.content?.spans.length) continue;
    const cue = tokensIn(doc, a.cue.spans);
    const content = tokensIn(doc, a.content.spans);
    let key: string | null = null;
    // the content's head hangs on a cue word
    for (const j of content) {
      const h = headOf(v, j);
      if (h >= 0 && cue.has(h) && !content.has(h)) {
        key = `${lemmaOf(v, h)}\t${frameRelation(v, j)}`;
        break;
      }
    }
    // or the cue hangs on the content ("X, he said", "according to X")
    if (!key)
      for (const c of cue) {
        const h = headOf(v, c);
        if (h >= 0 && content.has(h) && !cue.has(h)) {
          key = `${lemmaOf(v, c)}\t^${frameRelation(v, c)}`;
          break;
        }
      }
    if (key) {
      inc(pos, key);
      linked++;
    } else unlinked++;
  }
  if ((n + 1) % 100 === 0) console.log(`${n + 1} documents, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

const rows: Array<[string, number, number, number]> = [];
for (const [k, p] of pos) {
  const total = Math.max(all.get(k) ?? p, p);
  const rate = p / total;
  if (p >= MIN_COUNT && rate >= MIN_RATE) rows.push([k, p, total, rate]);
}
rows.sort((a, b) => b[1] - a[1]);
const header = [
  '# Cue frames learned from the PolNeAR training annotations by `npm run train:quotes`.',
  `# ${recs.length} documents; ${linked} attributions linked cue->content in the parse, ${unlinked} not.`,
  `# lemma<TAB>relation<TAB>attributions<TAB>occurrences<TAB>rate  (kept: attributions >= ${MIN_COUNT}, rate >= ${MIN_RATE})`,
  '# relation: the dependency relation of the content under the cue; ^rel: the cue hangs on the content by rel.',
];
const body = rows.map(([k, p, t, rate]) => `${k}\t${p}\t${t}\t${rate.toFixed(3)}`);
writeFileSync(join(repo, 'data/quotes/cue-frames.tsv'), `${header.join('\n')}\n${body.join('\n')}\n`);
console.log(`${rows.length} frames written; linked ${linked}, unlinked ${unlinked}`);
