// Step 3: the features of each token, as 32-bit keys (template id mixed with a hashed value).
// Everything that depends only on the document is computed once per document ("static"
// keys); the few that depend on earlier predictions in the document (the prediction history)
// are added while tagging. The same code serves training and run time.
import {
  Caps,
  capsOf,
  caseBucket,
  hashString,
  isCapitalised,
  mix,
  type WordEntry,
  type WordLexicon,
  wordShape,
} from './01-words.js';
import { GAZ_CLASSES, type Gazetteer, matchGazetteer } from './02-gazetteer.js';

export interface FeatureResources {
  lexicon: WordLexicon;
  gazetteer: Gazetteer;
}

/** Sentence casing: ordinary prose, an all-capitals headline, or Title Case. */
export enum SentenceMode {
  Normal = 0,
  Upper = 1,
  Title = 2,
}

/** What is known about one token of the document. */
export interface TokenInfo {
  form: string;
  lower: string;
  caps: Caps;
  shape: string;
  hLower: number;
  hForm: number;
  hShape: number;
  entry: WordEntry | undefined;
  /** No word precedes it in its sentence. */
  first: boolean;
}

export interface DocumentFeatures {
  /** Per sentence: token infos. */
  tokens: TokenInfo[][];
  modes: SentenceMode[];
  /** Per sentence: static keys of every token, flattened, and where each token's keys start. */
  keys: Uint32Array[];
  offsets: Int32Array[];
  gazetteer: Uint8Array[];
}

// template ids (part of the model format: changing them requires retraining)
const T = {
  bias: 1,
  w0: 2,
  wm1: 3,
  wp1: 4,
  wm2: 5,
  wp2: 6,
  form0: 7,
  sh0: 8,
  shm1: 9,
  shp1: 10,
  shm1sh0: 11,
  sh0shp1: 12,
  pre: 13,
  suf: 17,
  c1: 21,
  c2: 22,
  c3: 23,
  c2m1: 24,
  c2p1: 25,
  c3m1: 26,
  c3p1: 27,
  c1m1: 28,
  c1p1: 29,
  caps: 30,
  caseLex: 31,
  docCase: 32,
  gaz0: 33,
  gazm1: 34,
  gazp1: 35,
  bim1: 36,
  bip1: 37,
  wm1caps: 38,
  wp1caps: 39,
  sentLen: 40,
  caseLexNext: 41,
  capsRun: 42,
  hist: 50,
  histPart: 51,
  histNext: 52,
  histPrev: 53,
} as const;

const EMPTY = hashString('<none>');
const BOS = hashString('<s>');
const EOS = hashString('</s>');

const NON_WORD = /^[^\p{L}\p{N}]+$/u;

function tokenInfo(form: string, lexicon: WordLexicon): TokenInfo {
  const lower = form.toLowerCase();
  const shape = wordShape(form);
  return {
    form,
    lower,
    caps: capsOf(form),
    shape,
    hLower: hashString(lower),
    hForm: hashString(form, 0x1234567),
    hShape: hashString(shape, 0x7654321),
    entry: lexicon.get(lower),
    first: false,
  };
}

function sentenceMode(toks: readonly TokenInfo[]): SentenceMode {
  let words = 0;
  let upper = 0;
  let title = 0;
  let longWords = 0;
  for (const t of toks) {
    if (t.caps === Caps.None) continue;
    words++;
    if (t.caps === Caps.AllUpper) upper++;
    if (t.form.length >= 4) {
      longWords++;
      if (t.caps === Caps.Initial || t.caps === Caps.AllUpper) title++;
    }
  }
  if (words >= 2 && upper / words >= 0.6) return SentenceMode.Upper;
  if (longWords >= 3 && title / longWords >= 0.75) return SentenceMode.Title;
  return SentenceMode.Normal;
}

/** Per-document case memory: bit 1 seen capitalised mid-sentence in prose, bit 2 seen in lower case. */
function documentCase(tokens: readonly TokenInfo[][], modes: readonly SentenceMode[]): Map<string, number> {
  const m = new Map<string, number>();
  for (let s = 0; s < tokens.length; s++) {
    for (const t of tokens[s]) {
      if (t.caps === Caps.Lower) m.set(t.lower, (m.get(t.lower) ?? 0) | 2);
      else if (modes[s] === SentenceMode.Normal && !t.first && isCapitalised(t.caps))
        m.set(t.lower, (m.get(t.lower) ?? 0) | 1);
    }
  }
  return m;
}

/** Static features of every token of a document (sentences of token forms). */
export function documentFeatures(sentences: readonly (readonly string[])[], res: FeatureResources): DocumentFeatures {
  const cache = new Map<string, TokenInfo>();
  const tokens: TokenInfo[][] = sentences.map((forms) => {
    let first = true;
    return forms.map((f) => {
      let info = cache.get(f);
      if (!info) {
        info = tokenInfo(f, res.lexicon);
        cache.set(f, info);
      }
      const t = first === info.first ? info : { ...info, first };
      if (!NON_WORD.test(f)) first = false;
      return t;
    });
  });
  const modes = tokens.map(sentenceMode);
  const docCase = documentCase(tokens, modes);
  const keys: Uint32Array[] = [];
  const offsets: Int32Array[] = [];
  const gazetteer: Uint8Array[] = [];
  const buf: number[] = [];
  for (let s = 0; s < tokens.length; s++) {
    const toks = tokens[s];
    const gaz = matchGazetteer(res.gazetteer, toks);
    gazetteer.push(gaz);
    const off = new Int32Array(toks.length + 1);
    buf.length = 0;
    for (let i = 0; i < toks.length; i++) {
      off[i] = buf.length;
      tokenFeatures(toks, i, modes[s], docCase, gaz, buf);
    }
    off[toks.length] = buf.length;
    keys.push(Uint32Array.from(buf));
    offsets.push(off);
  }
  return { tokens, modes, keys, offsets, gazetteer };
}

function tokenFeatures(
  toks: readonly TokenInfo[],
  i: number,
  mode: SentenceMode,
  docCase: ReadonlyMap<string, number>,
  gaz: Uint8Array,
  out: number[],
): void {
  const t = toks[i];
  const p = i > 0 ? toks[i - 1] : undefined;
  const p2 = i > 1 ? toks[i - 2] : undefined;
  const n = i + 1 < toks.length ? toks[i + 1] : undefined;
  const n2 = i + 2 < toks.length ? toks[i + 2] : undefined;
  const hp = p ? p.hLower : BOS;
  const hn = n ? n.hLower : EOS;
  const capsCtx = t.caps | ((t.first ? 1 : 0) << 3) | (mode << 4);
  out.push(mix(T.bias, 0));
  out.push(mix(T.w0, t.hLower));
  out.push(mix(T.wm1, hp));
  out.push(mix(T.wp1, hn));
  out.push(mix(T.wm2, p2 ? p2.hLower : p ? BOS : EMPTY));
  out.push(mix(T.wp2, n2 ? n2.hLower : n ? EOS : EMPTY));
  out.push(mix(T.form0, t.hForm));
  const shp = p ? p.hShape : BOS;
  const shn = n ? n.hShape : EOS;
  out.push(mix(T.sh0, t.hShape));
  out.push(mix(T.shm1, shp));
  out.push(mix(T.shp1, shn));
  out.push(mix(T.shm1sh0, mix(shp, t.hShape)));
  out.push(mix(T.sh0shp1, mix(t.hShape, shn)));
  const w = t.lower;
  const L = Math.min(w.length, 4);
  for (let k = 1; k <= L; k++) {
    if (k < w.length) {
      out.push(mix(T.pre + k - 1, hashString(w.slice(0, k))));
      out.push(mix(T.suf + k - 1, hashString(w.slice(w.length - k))));
    }
  }
  const e = t.entry;
  if (e && e.c1 >= 0) {
    out.push(mix(T.c1, e.c1));
    out.push(mix(T.c2, e.c2));
    out.push(mix(T.c3, e.c3));
  }
  const pe = p?.entry;
  const ne = n?.entry;
  out.push(mix(T.c1m1, pe && pe.c1 >= 0 ? pe.c1 : -1));
  out.push(mix(T.c1p1, ne && ne.c1 >= 0 ? ne.c1 : -1));
  out.push(mix(T.c2m1, pe && pe.c2 >= 0 ? pe.c2 : -1));
  out.push(mix(T.c2p1, ne && ne.c2 >= 0 ? ne.c2 : -1));
  if (pe && pe.c3 >= 0) out.push(mix(T.c3m1, pe.c3));
  if (ne && ne.c3 >= 0) out.push(mix(T.c3p1, ne.c3));
  out.push(mix(T.caps, capsCtx));
  out.push(mix(T.caseLex, (caseBucket(e) << 8) | capsCtx));
  out.push(mix(T.caseLexNext, (caseBucket(ne) << 8) | ((n ? n.caps : 7) << 4) | t.caps));
  out.push(mix(T.docCase, ((docCase.get(w) ?? 0) << 8) | capsCtx));
  out.push(mix(T.bim1, mix(hp, t.hLower)));
  out.push(mix(T.bip1, mix(t.hLower, hn)));
  out.push(mix(T.wm1caps, mix(hp, t.caps)));
  out.push(mix(T.wp1caps, mix(hn, t.caps)));
  out.push(mix(T.sentLen, (Math.min(toks.length, 4) << 8) | capsCtx));
  // length of the run of capitalised words this token sits in (names are runs)
  let runL = 0;
  while (runL < 4 && i - runL - 1 >= 0 && isCapitalised(toks[i - runL - 1].caps)) runL++;
  let runR = 0;
  while (runR < 4 && i + runR + 1 < toks.length && isCapitalised(toks[i + runR + 1].caps)) runR++;
  out.push(mix(T.capsRun, (runL << 12) | (runR << 8) | capsCtx));
  const k = GAZ_CLASSES.length;
  const capBit = isCapitalised(t.caps) ? 1 : 0;
  for (let c = 0; c < k; c++) {
    const g = gaz[i * k + c];
    if (g) out.push(mix(T.gaz0, (c << 8) | (g << 1) | capBit));
    if (i > 0 && gaz[(i - 1) * k + c]) out.push(mix(T.gazm1, (c << 8) | gaz[(i - 1) * k + c]));
    if (i + 1 < toks.length && gaz[(i + 1) * k + c]) out.push(mix(T.gazp1, (c << 8) | gaz[(i + 1) * k + c]));
  }
}

/**
 * The document's prediction history: for each lower-cased word, how often it was tagged with
 * each entity type so far, and its position in the last multi-word entity it was part of.
 */
export class PredictionHistory {
  private readonly counts = new Map<string, Int32Array>();
  private readonly part = new Map<string, number>();

  constructor(private readonly types: number) {}

  /** Record the entities predicted in a sentence (labels: 0 none, else 1 + type * 4 + BILU). */
  record(toks: readonly TokenInfo[], types: Int8Array, bilu: Int8Array): void {
    for (let i = 0; i < toks.length; i++) {
      if (types[i] < 0) continue;
      const t = toks[i];
      if (!isCapitalised(t.caps) && t.caps !== Caps.Mixed) continue;
      let c = this.counts.get(t.lower);
      if (!c) this.counts.set(t.lower, (c = new Int32Array(this.types)));
      c[types[i]]++;
      if (bilu[i] !== 3) this.part.set(t.lower, types[i] * 4 + bilu[i]);
    }
  }

  /** Majority type of a word so far, -1 if never tagged. */
  majority(lower: string): number {
    const c = this.counts.get(lower);
    if (!c) return -1;
    let best = -1;
    let bestN = 0;
    for (let k = 0; k < c.length; k++)
      if (c[k] > bestN) {
        bestN = c[k];
        best = k;
      }
    return best;
  }

  /** Dynamic keys of token i, appended to `out`. */
  features(toks: readonly TokenInfo[], i: number, out: number[]): void {
    const t = toks[i];
    const capBit = isCapitalised(t.caps) ? 1 : 0;
    out.push(mix(T.hist, ((this.majority(t.lower) + 1) << 1) | capBit));
    const part = this.part.get(t.lower);
    if (part !== undefined) out.push(mix(T.histPart, (part << 1) | capBit));
    if (i + 1 < toks.length) out.push(mix(T.histNext, ((this.majority(toks[i + 1].lower) + 1) << 1) | capBit));
    if (i > 0) out.push(mix(T.histPrev, ((this.majority(toks[i - 1].lower) + 1) << 1) | capBit));
  }
}
