// A learned choice of the speaker span (data/quotes/speakers.json, written by
// `npm run train:speakers` from the PolNeAR training split). The rules of 04-attribute.ts give
// one speaker phrase per attribution; here every noun phrase of the cue's sentence is a
// candidate, in several extents (the whole subtree of its head; without clauses, appositives
// and prepositional phrases after the head; the name alone; with the comma that closes an
// appositive; the actor mentions), plus "no speaker". An averaged perceptron ranks the
// candidates by hashed features: the dependency path from the candidate's head to the cue, the
// cue's lemma, how the content was found, the extent, the words at the edges of the span and
// whether the rules chose it. Attributions carried on from a quote before keep the choice made
// for the attribution they continue. Linear in the size of the cue's sentence per attribution.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Doc } from '../doc/doc.js';
import { baseRelation, sentenceRange } from '../syntax/tree.js';
import { depOf, headOf, type ParseView, trimPunct } from './03-tree.js';
import type { Attribution, AttributionResult } from './04-attribute.js';
import { actorKinds } from './06-filter.js';

export interface SpeakerModel {
  bits: number;
  weights: Float32Array;
}

/** One candidate speaker: a token range [first, last] with its head, or none (first = -1). */
export interface SpeakerCandidate {
  first: number;
  last: number;
  head: number;
  /** Which extent it is ("rule", "full", "cut", "name", ...), and the dependency path to the cue. */
  ext: string;
  path: string;
  /** Hashed feature indexes. */
  feats: number[];
}

export function loadSpeakerModel(dataDir: string): SpeakerModel | null {
  const path = join(dataDir, 'quotes', 'speakers.json');
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as {
    bits: number;
    scale: number;
    weights: Array<[number, number]>;
  };
  const weights = new Float32Array(1 << raw.bits);
  for (const [i, w] of raw.weights) weights[i] = w / raw.scale;
  return { bits: raw.bits, weights };
}

const NOMINAL = new Set(['NOUN', 'PROPN', 'PRON', 'NUM']);
/** Relations that attach a word inside a name or a head's phrase, never a phrase of its own. */
const INNER = new Set(['compound', 'flat', 'fixed', 'goeswith', 'det', 'amod', 'nummod', 'case']);
/** Dependents after the head that may be cut off its phrase, outermost first. */
const POST = new Set(['acl', 'appos', 'nmod', 'advcl', 'parataxis', 'punct', 'conj', 'cc', 'dep', 'obl', 'list']);
/** Dependents of a name that stay with it ("Donald Trump", "Ban Ki-moon"). */
const NAME_PART = new Set(['flat', 'compound', 'goeswith', 'fixed']);
const LEADING_DROP = /^(ADP|CCONJ|SCONJ|ADV|PART)$/;
/** The words of an appositive the parse left unattached: nouns, names, their modifiers, "of". */
const APPOSITIVE = /^(PROPN|NOUN|ADJ|DET|NUM|ADP|PART|CCONJ|PRON)$/;

function bucket(n: number): number {
  return n <= 1 ? 1 : n <= 2 ? 2 : n <= 3 ? 3 : n <= 5 ? 5 : n <= 8 ? 8 : n <= 15 ? 15 : 16;
}

function isPunct(v: ParseView, k: number): boolean {
  return /^[\W_]+$/.test(v.tokens[k].text);
}

/** The dependency path from token h up and down to token c (base relations), at most `max` steps each side. */
function pathBetween(v: ParseView, h: number, c: number, max = 4): string {
  const up: number[] = [h];
  for (let x = h, i = 0; i < max; i++) {
    x = headOf(v, x);
    if (x < 0) break;
    up.push(x);
  }
  const down: number[] = [c];
  for (let x = c, i = 0; i < max; i++) {
    x = headOf(v, x);
    if (x < 0) break;
    down.push(x);
  }
  for (let i = 0; i < up.length; i++) {
    const j = down.indexOf(up[i]);
    if (j < 0) continue;
    const a = up.slice(0, i).map((x) => baseRelation(depOf(v, x)));
    const b = down.slice(0, j).map((x) => baseRelation(depOf(v, x)));
    return `${a.join('/')}^${b.reverse().join('/')}`;
  }
  return 'far';
}

interface Context {
  doc: Doc;
  v: ParseView;
  kinds: readonly string[];
  tokenSeg: Int32Array;
  /** Token spans of actor mentions and their extents, keyed first * 65536 + last. */
  mentions: Set<number>;
  mask: number;
}

/** The candidate spans of the attribution with cue `c` in sentence [sb, se). */
function spansOf(
  v: ParseView,
  a: Attribution,
  sb: number,
  se: number,
  tokenSeg: Int32Array,
): Map<number, [number, number, number, string]> {
  const c = a.cueFirst;
  const tokenSegOf = (k: number) => tokenSeg[k];
  const out = new Map<number, [number, number, number, string]>();
  const put = (x: number, y: number, h: number, ext: string) => {
    if (y < x || h < x || h > y) return;
    const k = x * 65536 + y;
    if (!out.has(k)) out.set(k, [x, y, h, ext]);
  };
  const add = (x: number, y: number, h: number, ext: string) => {
    [x, y] = trimPunct(v, x, y);
    // a closing bracket after the phrase that opens right after it: "Sen. Bernie Sanders (I-Vt.)"
    let yb = -1;
    if (y + 1 < n && v.lower[y + 1] === '(')
      for (let k = y + 2; k < n && k <= y + 10; k++)
        if (v.lower[k] === ')') {
          yb = k;
          break;
        }
    // a word cut at a hyphen ("front-|runner Donald Trump", "teary-|eyed Bush")
    while (x - 2 >= sb && v.lower[x - 1] === '-' && joined(x) && joined(x - 1)) {
      x -= 2;
      while (x - 1 >= sb && joined(x) && /\w/.test(v.tokens[x - 1].text)) x--;
      while (x - 1 >= sb && /^(ADJ|NOUN|PROPN|DET|NUM)$/.test(v.tokens[x - 1].pos ?? '')) x--;
    }
    const x0 = x;
    while (x < h && LEADING_DROP.test(v.tokens[x].pos ?? '') && v.lower[x] !== 'according') x++;
    put(x, y, h, ext);
    if (x0 < x) put(x0, y, h, `${ext}+lead`);
    if (yb > 0) put(x, yb, h, `${ext}+bracket`);
    // a contraction ("We’ve")
    if (y + 1 < n && joined(y + 1) && /^['’](ve|re|d|ll|m|s)$/.test(v.lower[y + 1])) put(x, y + 1, h, `${ext}+clitic`);
    // an appositive set off by commas or dashes the parse did not attach ("Jeff Weaver, Sanders’ campaign manager,")
    const open = v.lower[y + 1];
    if (y + 2 < se && (open === ',' || open === '—' || open === '--')) {
      let k = y + 2;
      while (k < se && k <= y + 22 && appositive(k) && v.lower[k] !== open) k++;
      if (k < se && k > y + 2 && v.lower[k] === open) {
        put(x, k - 1, h, `${ext}+appos`);
        put(x, k, h, `${ext}+appos+comma`);
      }
    }
  };
  const inContent = (k: number) => {
    const t = v.tokens[k].start;
    for (const p of a.pieces) if (t >= p.start && t < p.end) return true;
    return false;
  };
  // participles stay in an appositive ("New Jersey’s sitting governor")
  const appositive = (k: number) =>
    APPOSITIVE.test(v.tokens[k].pos ?? '') || (v.tokens[k].pos === 'VERB' && /^VB[GN]$/.test(v.tokens[k].tag ?? ''));
  const joined = (k: number) => k > 0 && k < v.tokens.length && v.tokens[k].start === v.tokens[k - 1].end;
  const n = Math.min(v.tokens.length, se + 12);
  if (a.speakerFirst >= 0) {
    const k = a.speakerFirst * 65536 + a.speakerLast;
    out.set(k, [a.speakerFirst, a.speakerLast, a.speakerHead >= 0 ? a.speakerHead : a.speakerLast, 'rule']);
  }
  for (let h = sb; h < se; h++) {
    const pos = v.tokens[h].pos ?? '';
    const dep = baseRelation(depOf(v, h));
    if (!NOMINAL.has(pos) && !(dep === 'nsubj' && (pos === 'ADJ' || pos === 'DET'))) continue;
    if (INNER.has(dep) && h !== a.speakerHead) continue;
    // the speaker lies outside what is attributed (a head inside the content hardly ever is it)
    if (inContent(h)) continue;
    const f = v.first[h];
    const l = v.last[h];
    // whole subtree
    add(f, l, h, 'full');
    // without what hangs after the head, cut from the right edge one dependent at a time
    const kidsAfter: number[] = [];
    const kidsBefore: number[] = [];
    for (let q = v.childStart[h]; q < v.childStart[h + 1]; q++) {
      const j = v.childIndex[q];
      if (j > h) kidsAfter.push(j);
      else kidsBefore.push(j);
    }
    let right = l;
    for (let q = kidsAfter.length - 1; q >= 0; q--) {
      const j = kidsAfter[q];
      if (!POST.has(baseRelation(depOf(v, j)))) break;
      right = v.first[j] - 1;
      add(f, right, h, 'cut');
      // an appositive's closing comma ("Brian Fallon, the campaign's press secretary, said")
      if (right + 1 < se && v.lower[right + 1] === ',') add(f, right + 1, h, 'cut+comma');
    }
    // the name: left dependents, the head and the words of its name after it
    let nameEnd = h;
    for (const j of kidsAfter) {
      if (!NAME_PART.has(baseRelation(depOf(v, j))) || v.first[j] !== nameEnd + 1) break;
      nameEnd = v.last[j];
    }
    add(f, nameEnd, h, 'name');
    // the name without its left dependents set off by a comma or starting with a modifier
    let left = f;
    for (const j of kidsBefore) {
      const d = baseRelation(depOf(v, j));
      if (d === 'det' || d === 'amod' || d === 'nmod' || d === 'advmod' || d === 'punct' || d === 'cc')
        left = v.last[j] + 1;
      else break;
    }
    if (left > f) add(left, nameEnd, h, 'bare');
    // whole subtree with the comma after it
    if (l + 1 < se && v.lower[l + 1] === ',') add(f, l + 1, h, 'full+comma');
  }
  // runs of nominal words, for parses that split a name ("Indiana Gov. | Mike Pence"), and
  // the proper name that ends such a run ("former neurosurgeon Ben Carson")
  const inRun = (k: number) =>
    /^(PROPN|NOUN|ADJ|DET|NUM)$/.test(v.tokens[k].pos ?? '') ||
    v.lower[k] === "'s" ||
    v.lower[k] === '’s' ||
    ((v.lower[k] === '’' || v.lower[k] === "'") && joined(k)) ||
    (v.lower[k] === '-' && joined(k) && joined(k + 1)) ||
    (k > sb && v.lower[k - 1] === '-' && joined(k)) ||
    (v.lower[k] === '.' && k > sb && v.tokens[k].start === v.tokens[k - 1].end);
  for (let k = sb; k < se; ) {
    if (!inRun(k)) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < se && inRun(e + 1)) e++;
    let last = e;
    while (last > k && !/^(PROPN|NOUN|NUM)$/.test(v.tokens[last].pos ?? '')) last--;
    if (/^(PROPN|NOUN|NUM)$/.test(v.tokens[last].pos ?? '') && !inContent(last)) {
      add(k, last, last, 'run');
      let p = last;
      while (p > k && (v.tokens[p - 1].pos === 'PROPN' || v.lower[p - 1] === '.')) p--;
      if (p > k && v.tokens[last].pos === 'PROPN') put(p, last, last, 'run-name');
      // over a preposition to the next run ("Six in 10 Virginia voters", "results of exit polls")
      let q = e + 1;
      if (q + 1 < se && /^(in|of|for|from|at)$/.test(v.lower[q]) && inRun(q + 1)) {
        q++;
        while (q + 1 < se && inRun(q + 1)) q++;
        let l2 = q;
        while (l2 > e + 2 && !/^(PROPN|NOUN|NUM)$/.test(v.tokens[l2].pos ?? '')) l2--;
        if (/^(PROPN|NOUN|NUM)$/.test(v.tokens[l2].pos ?? '') && !inContent(l2)) add(k, l2, k, 'run+prep');
      }
    }
    k = e + 1;
  }
  // a phrase before the cue with its participle clause, up to the comma or the cue ("early results
  // of exit polls conducted for the AP by Edison Research")
  for (const [x, y, h, ext] of [...out.values()]) {
    if (y + 1 >= c || !(v.tokens[y + 1].pos === 'VERB' && /^VB[NG]$/.test(v.tokens[y + 1].tag ?? ''))) continue;
    let k = y + 1;
    while (
      k < c &&
      v.lower[k] !== ',' &&
      v.lower[k] !== ';' &&
      tokenSegOf(k) < 0 &&
      !/^(VBD|VBZ|VBP|MD)$/.test(v.tokens[k].tag ?? '') &&
      v.tokens[k].pos !== 'SCONJ'
    )
      k++;
    if (k > y + 2 && (k === c || v.lower[k] === ',' || v.tokens[k].pos === 'AUX'))
      put(x, k - 1, h, `${ext}+participle`);
  }
  if (WINDOWS) windowSpans(v, a, sb, se, tokenSeg, inContent, put);
  return out;
}

/** Whether the window candidates are proposed (SPEAKERS_WINDOWS=0 leaves them out, for comparison). */
const WINDOWS = (process.env.SPEAKERS_WINDOWS ?? '1') !== '0';
/** Words that end a window of the clause before or after the cue. */
const WINDOW_STOP = /^(,|;|:|\.|\?|!|—|--|–|\(|\)|["“”'‘’«»]+)$/;
const WINDOW_MAX = 40;

/**
 * The head of the span [x, y] as the parse has it: the first word whose head lies outside the
 * span, a nominal one first.
 */
function spanHead(v: ParseView, x: number, y: number): number {
  let any = -1;
  for (let k = x; k <= y; k++) {
    const h = headOf(v, k);
    if (h >= x && h <= y) continue;
    if (NOMINAL.has(v.tokens[k].pos ?? '')) return k;
    if (any < 0 && !isPunct(v, k)) any = k;
  }
  return any >= 0 ? any : y;
}

/**
 * Spans of the clause around the cue whatever the parse says, for parses that break the
 * speaker's phrase ("said one Democrat familiar with the discussion", "Murphy, the head of Right
 * to Rise USA, tweeted"): after the cue, from the word after it to each comma or the end of the
 * sentence ("said X, a Y at Z, who W"); before the cue, from each comma, quotation mark or
 * the start of the sentence to the word before the cue (or before the adverbs and auxiliaries
 * in front of it: "X also said", "X has said").
 */
function windowSpans(
  v: ParseView,
  a: Attribution,
  sb: number,
  se: number,
  tokenSeg: Int32Array,
  inContent: (k: number) => boolean,
  put: (x: number, y: number, h: number, ext: string) => void,
): void {
  const free = (k: number) => tokenSeg[k] < 0 && !inContent(k);
  const starts = (k: number) => /^(DET|PROPN|NOUN|NUM|ADJ|PRON)$/.test(v.tokens[k].pos ?? '');
  // after the cue
  const s = a.cueLast + 1;
  if (s < se && free(s) && starts(s)) {
    for (let k = s; k < se && k < s + WINDOW_MAX && free(k); k++) {
      if (WINDOW_STOP.test(v.lower[k])) break;
      const next = k + 1 < se ? v.lower[k + 1] : '.';
      if (k + 1 >= se || WINDOW_STOP.test(next) || !free(k + 1)) {
        put(s, k, spanHead(v, s, k), 'win-after');
        if (next === ',' && k + 1 < se) put(s, k + 1, spanHead(v, s, k), 'win-after+comma');
      }
    }
  }
  // before the cue
  let e = a.cueFirst - 1;
  while (e > sb && /^(ADV|AUX|PART)$/.test(v.tokens[e].pos ?? '') && free(e)) e--;
  // the comma that closes an appositive or a clause before the cue ("Trump, who ..., said")
  const comma = e > sb && v.lower[e] === ',' && free(e);
  if (comma) e--;
  if (e < sb || !free(e) || WINDOW_STOP.test(v.lower[e])) return;
  for (let k = e; k >= sb && k > e - WINDOW_MAX && free(k); k--) {
    const prev = k > sb ? v.lower[k - 1] : '<s>';
    const boundary =
      k === sb || prev === ',' || prev === ':' || prev === ';' || !free(k - 1) || /^(["“”'‘’«»]+|—|--|–)$/.test(prev);
    if (!boundary || WINDOW_STOP.test(v.lower[k])) continue;
    let x = k;
    while (x < e && LEADING_DROP.test(v.tokens[x].pos ?? '')) x++;
    const h = spanHead(v, x, e);
    put(x, e, h, 'win-before');
    if (x > k) put(k, e, h, 'win-before+lead');
    if (comma) put(x, e + 1, h, 'win-before+comma');
  }
}

/** FNV-1a of a string: the parts of a feature. */
function sh(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashed features without building their names: a feature is a template number and up to
 * three parts (hashes of words, or small numbers), mixed into `bits` bits.
 */
class Features {
  readonly out: number[] = [];
  constructor(private readonly mask: number) {}
  add(t: number, p = 0, q = 0, r = 0): void {
    let h = Math.imul(t + 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ p, 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h ^ q, 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h ^ r, 0x01000193);
    h ^= h >>> 16;
    this.out.push(h & this.mask);
  }
}

/** What the features of all candidates of one attribution share. */
interface AttributionParts {
  c: number;
  lemma: number;
  how: number;
  kind: number;
  cls: number;
  /** The head word of the rules' speaker (a pronoun, or a part of speech), hashed. */
  ruleHead: number;
}

function attributionParts(v: ParseView, a: Attribution): AttributionParts {
  const c = a.cueFirst;
  const rh = a.speakerHead >= 0 ? a.speakerHead : a.speakerLast;
  const rhw = rh < 0 ? 'none' : /^(PRON|DET)$/.test(v.tokens[rh].pos ?? '') ? v.lower[rh] : (v.tokens[rh].pos ?? 'X');
  return {
    c,
    lemma: sh(a.cue?.lemma ?? v.lower[c]),
    how: sh(a.how.replace(/:.*$/, '')),
    kind: sh(a.kind),
    cls: sh(a.cue?.cls ?? ''),
    ruleHead: sh(rhw),
  };
}

const BEFORE_WORDS = /^(,|by|to|of|the|and|"|“|”|:|—|-|\(|\))$/;
const AFTER_WORDS = /^(,|who|which|that|of|"|“|”|:|\.|—|-|\(|\))$/;

/** The features of one candidate span [x, y] with head h for attribution `a`. */
function candidateFeatures(
  ctx: Context,
  a: Attribution,
  ap: AttributionParts,
  x: number,
  y: number,
  h: number,
  ext: string,
  se: number,
  path: string,
): number[] {
  const { v, kinds } = ctx;
  const c = ap.c;
  const F = new Features(ctx.mask);
  const e = sh(ext);
  const pa = sh(path);
  const side = h < c ? 1 : 2;
  const pos = v.tokens[h].pos ?? 'X';
  const hw = sh(pos === 'PRON' || pos === 'DET' ? v.lower[h] : pos);
  const hk = sh(kinds[h] || 'none');
  const hl = sh(pos === 'NOUN' ? (v.tokens[h].lemma ?? v.lower[h]).toLowerCase() : pos);
  const len = bucket(y - x + 1);
  F.add(1, e);
  F.add(2, pa);
  F.add(3, pa, ap.lemma);
  F.add(4, pa, ap.how);
  F.add(5, pa, ap.kind);
  F.add(6, pa, e);
  F.add(7, side, bucket(Math.abs(h - c)));
  F.add(8, hw);
  F.add(9, hw, pa);
  F.add(10, hk);
  F.add(11, hl);
  F.add(12, hl, path === 'nsubj^' ? 1 : 2);
  F.add(13, ap.lemma, hk);
  F.add(14, hk, pa);
  F.add(15, len);
  F.add(16, len, e);
  // what the rules chose: its head word against this candidate's path ("who" -> the antecedent)
  F.add(17, ap.ruleHead, pa);
  F.add(18, ap.ruleHead, pa, e);
  F.add(19, e, hw);
  if (x === a.speakerFirst && y === a.speakerLast) {
    F.add(20);
    F.add(21, ap.how);
    F.add(22, e);
  } else if (a.speakerFirst >= 0) {
    if (h === a.speakerHead) {
      F.add(23);
      F.add(24, e);
    }
    if (x <= a.speakerFirst && y >= a.speakerLast) {
      F.add(25);
      F.add(26, e);
    } else if (x >= a.speakerFirst && y <= a.speakerLast) {
      F.add(27);
      F.add(28, e);
    } else if (x <= a.speakerLast && y >= a.speakerFirst) F.add(29);
  } else {
    F.add(30);
    F.add(31, pa);
  }
  // the edges of the span
  const fp = v.tokens[x].pos ?? 'X';
  const first = sh(/^(DET|PRON|ADP|NUM|CCONJ|ADV)$/.test(fp) ? v.lower[x] : fp);
  const last = sh(isPunct(v, y) ? v.lower[y] : (v.tokens[y].pos ?? 'X'));
  const before = x > 0 && v.tokens[x - 1].sentence === v.tokens[x].sentence ? v.lower[x - 1] : '<s>';
  const bw = sh(before === '<s>' || BEFORE_WORDS.test(before) ? before : (v.tokens[x - 1].pos ?? 'X'));
  const after = y + 1 < se ? (y + 1 === c ? 'CUE' : v.lower[y + 1]) : '</s>';
  const aw = sh(after === 'CUE' || after === '</s>' || AFTER_WORDS.test(after) ? after : (v.tokens[y + 1].pos ?? 'X'));
  F.add(32, first);
  F.add(33, last);
  F.add(34, bw);
  F.add(35, aw);
  F.add(36, first, e);
  F.add(37, bw, aw);
  F.add(38, aw, e);
  F.add(39, last, aw);
  // what the span holds
  let comma = 0;
  let rel = false;
  let verb = false;
  let quoted = false;
  for (let k = x; k <= y; k++) {
    const w = v.lower[k];
    if (w === ',') comma++;
    if (w === 'who' || w === 'which' || w === 'whose') rel = true;
    if (v.tokens[k].pos === 'VERB') verb = true;
    if (ctx.tokenSeg[k] >= 0) quoted = true;
  }
  F.add(40, Math.min(comma, 3));
  F.add(41, Math.min(comma, 3), e);
  if (rel) {
    F.add(42);
    F.add(43, ap.lemma);
  }
  if (verb) {
    F.add(44);
    F.add(45, e);
  }
  if (quoted) {
    F.add(46);
    F.add(47, ap.kind);
  }
  if (ctx.mentions.has(x * 65536 + y)) {
    F.add(48);
    F.add(49, hk);
  }
  // how many words of the span hang outside it: 1 for a phrase of the parse
  let roots = 0;
  for (let k = x; k <= y && roots < 4; k++) {
    const hk2 = headOf(v, k);
    if ((hk2 < x || hk2 > y) && !isPunct(v, k)) roots++;
  }
  F.add(56, roots);
  F.add(57, roots, e);
  F.add(58, roots, len);
  // what the span keeps and leaves of its head's dependents on the right: the relation of the
  // last one kept and of the first one left out ("Trump | , who ..." cuts an acl:relcl), and the
  // word heading what is left out ("who spoke on condition of anonymity")
  let kept = 'none';
  let left = 'none';
  let leftWord = 0;
  if (h >= x && h <= y)
    for (let q = v.childStart[h]; q < v.childStart[h + 1]; q++) {
      const j = v.childIndex[q];
      if (j <= h || isPunct(v, j)) continue;
      const d = depOf(v, j);
      if (v.last[j] <= y) kept = d;
      else {
        left = d;
        leftWord = sh((v.tokens[j].lemma ?? v.lower[j]).toLowerCase());
        break;
      }
    }
  const k1 = sh(kept);
  const l1 = sh(left);
  F.add(64, k1, l1);
  F.add(65, k1, ap.lemma);
  F.add(66, l1, ap.lemma);
  F.add(67, l1, leftWord);
  F.add(68, k1, aw);
  return F.out;
}

function noneFeatures(ctx: Context, a: Attribution, ap: AttributionParts): number[] {
  const F = new Features(ctx.mask);
  F.add(50);
  F.add(51, ap.lemma);
  F.add(52, ap.how);
  F.add(53, ap.kind);
  F.add(54, ap.cls);
  F.add(55, a.speakerFirst >= 0 ? 1 : 2);
  return F.out;
}

function mentionSpans(doc: Doc): Set<number> {
  const out = new Set<number>();
  const toks = doc.tokens;
  const tokenOf = (off: number, end: boolean): number => {
    let lo = 0;
    let hi = toks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (end ? toks[mid].end < off : toks[mid].end <= off) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const actor of doc.actors)
    for (const m of actor.mentions) {
      out.add(tokenOf(m.start, false) * 65536 + tokenOf(m.end, true));
      if (m.extent) out.add(tokenOf(m.extent.start, false) * 65536 + tokenOf(m.extent.end, true));
    }
  return out;
}

/** The candidates of attribution `a` (with a cue): "no speaker" first, then the rules' own span. */
export function speakerCandidates(ctx: Context, a: Attribution): SpeakerCandidate[] {
  const { v } = ctx;
  const c = a.cueFirst;
  const [sb, se] = sentenceRange(v.tokens, c);
  const ap = attributionParts(v, a);
  const out: SpeakerCandidate[] = [
    { first: -1, last: -1, head: -1, ext: 'none', path: '', feats: noneFeatures(ctx, a, ap) },
  ];
  const paths = new Map<number, string>();
  for (const [x, y, h, ext] of spansOf(v, a, sb, se, ctx.tokenSeg).values()) {
    let path = paths.get(h);
    if (path === undefined) {
      path = pathBetween(v, h, c);
      paths.set(h, path);
    }
    out.push({ first: x, last: y, head: h, ext, path, feats: candidateFeatures(ctx, a, ap, x, y, h, ext, se, path) });
  }
  return out;
}

/** What the candidates of one document share; `bits`: the width of the hashed features. */
export function speakerContext(doc: Doc, r: AttributionResult, bits: number): Context {
  return {
    doc,
    v: r.view,
    kinds: actorKinds(doc),
    tokenSeg: r.tokenSeg,
    mentions: mentionSpans(doc),
    mask: (1 << bits) - 1,
  };
}

/** Whether attribution `a` is one the chooser decides (a cue of its own in a parsed document). */
export function choosable(r: AttributionResult, a: Attribution): boolean {
  return r.view.parsed && a.cueFirst >= 0 && a.cue !== null && a.cue.lemma !== ':' && a.cue.lemma !== '―';
}

export function scoreCandidate(m: SpeakerModel, feats: readonly number[]): number {
  let s = 0;
  for (const x of feats) s += m.weights[x];
  return s;
}

const MARK = /^["“”'‘’«»]+$/;

/**
 * A quotation the rules found no cue for, followed by a name and a verb the lexicon does not
 * know ("“Go back to Univision,” Trump barked."): that name, when the quotation ends right
 * before it (the closing mark, a comma) and the verb comes right after it.
 */
export function speakerAfterQuote(r: AttributionResult, a: Attribution): [number, number, number] | null {
  const v = r.view;
  const n = v.tokens.length;
  let l = -1;
  const last = a.pieces[a.pieces.length - 1];
  if (!last) return null;
  // the last token of the quotation
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.tokens[mid].end <= last.end) lo = mid + 1;
    else hi = mid;
  }
  l = lo - 1;
  if (l < 0) return null;
  let k = l + 1;
  while (k < n && k <= l + 3 && (MARK.test(v.tokens[k].text) || /^[,?!]$/.test(v.lower[k]))) k++;
  if (k >= n || k === l + 1 || r.tokenSeg[k] >= 0) return null;
  const sentence = v.tokens[k].sentence;
  let e = k;
  const inName = (j: number) =>
    j < n &&
    v.tokens[j].sentence === sentence &&
    r.tokenSeg[j] < 0 &&
    (/^(PROPN|NOUN|DET|ADJ|NUM)$/.test(v.tokens[j].pos ?? '') ||
      (v.lower[j] === '.' && v.tokens[j].start === v.tokens[j - 1].end));
  if (v.tokens[k].pos === 'PRON' && /^(he|she|they|i|we)$/.test(v.lower[k])) e = k;
  else {
    if (!inName(k)) return null;
    while (e + 1 < n && inName(e + 1) && e - k < 6) e++;
  }
  let head = e;
  while (head > k && !/^(PROPN|NOUN|PRON)$/.test(v.tokens[head].pos ?? '')) head--;
  if (!/^(PROPN|NOUN|PRON)$/.test(v.tokens[head].pos ?? '')) return null;
  let verb = e + 1;
  while (verb < n && v.tokens[verb].pos === 'ADV' && verb <= e + 2) verb++;
  if (verb >= n || v.tokens[verb].sentence !== sentence || v.tokens[verb].pos !== 'VERB') return null;
  if (!/^(VBD|VBZ|VBP)$/.test(v.tokens[verb].tag ?? 'VBD')) return null;
  return [k, head, head];
}

/**
 * Replace the speaker of every attribution with a cue by the best-scoring candidate.
 * Attributions sharing cue and speaker (a quote carried on) get the same choice.
 */
export function chooseSpeakers(doc: Doc, r: AttributionResult, m: SpeakerModel): void {
  const ctx = speakerContext(doc, r, m.bits);
  const chosen = new Map<string, [number, number, number]>();
  for (const a of r.attributions) {
    if (a.cueFirst < 0 && a.carriedFrom < 0 && a.speakerFirst < 0 && r.view.parsed) {
      const after = speakerAfterQuote(r, a);
      if (after) [a.speakerFirst, a.speakerLast, a.speakerHead] = after;
      continue;
    }
    if (!choosable(r, a)) continue;
    const key = `${a.cueFirst}:${a.speakerFirst}:${a.speakerLast}`;
    let pick = chosen.get(key);
    if (!pick) {
      let best: SpeakerCandidate | null = null;
      let bestScore = -Infinity;
      for (const cand of speakerCandidates(ctx, a)) {
        const s = scoreCandidate(m, cand.feats);
        if (s > bestScore) {
          bestScore = s;
          best = cand;
        }
      }
      pick = best ? [best.first, best.last, best.head] : [a.speakerFirst, a.speakerLast, a.speakerHead];
      chosen.set(key, pick);
    }
    [a.speakerFirst, a.speakerLast, a.speakerHead] = pick;
  }
}

/**
 * One attribution per statement: of attributions with the same content and the same speaker
 * (two cues of one report, "made the argument that X", "continued to insist that X"), only the
 * one the learned check is surest of stays. Attributions without a speaker are left alone.
 */
export function dropRepeated(attributions: Attribution[]): Attribution[] {
  const best = new Map<string, Attribution>();
  const keyOf = (a: Attribution) => {
    const p = a.pieces;
    return p.length && a.speakerFirst >= 0 && a.cueFirst >= 0
      ? `${p[0].start}:${p[p.length - 1].end}:${a.speakerFirst}:${a.speakerLast}`
      : null;
  };
  for (const a of attributions) {
    const k = keyOf(a);
    if (!k) continue;
    const b = best.get(k);
    if (!b || a.confidence > b.confidence) best.set(k, a);
  }
  return attributions.filter((a) => {
    const k = keyOf(a);
    return !k || best.get(k) === a;
  });
}
