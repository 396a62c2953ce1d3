// A learned check of the attributions the rules propose (data/quotes/filter.json, written by
// `npm run train:quotes` from the PolNeAR training split): an averaged perceptron over hashed
// features of the cue (lemma, form, relation, how its content was found), its speaker and its
// content says whether the cue really attributes content. Linear in the number of attributions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Doc, firstTokenAtOrAfter } from '../doc/doc.js';
import { depOf, headOf, type ParseView } from './03-tree.js';
import type { Attribution } from './04-attribute.js';

export interface FilterModel {
  bits: number;
  weights: Float32Array;
  /** The candidate settings the model was trained with (AttributionOptions). */
  minRate: number;
  dropNested: string[];
  /** Whether any verb is a candidate (AttributionOptions.generic). */
  generic: boolean;
  /** Least score for an attribution to stay (chosen by cross-validation on the training split). */
  threshold: number;
  /** Whether the model was trained with the structural features (`features` >= 2 in the file). */
  rich: boolean;
  /** Whether every complement the learned frames allow was a reading of its own (AttributionOptions.alternatives). */
  alternatives?: boolean;
  /** Whether the model was trained with the nesting features (`"nest":true` in the file, `nestingFeatures`). */
  nest?: boolean;
}

/** FNV-1a hash of a feature string into `bits` bits. */
export function hashFeature(s: string, bits: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & ((1 << bits) - 1);
}

export function loadFilter(dataDir: string): FilterModel | null {
  const path = join(dataDir, 'quotes', 'filter.json');
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as {
    bits: number;
    scale: number;
    minRate: number;
    dropNested: string[];
    threshold: number;
    generic?: boolean;
    features?: number;
    alternatives?: boolean;
    nest?: boolean;
    weights: Array<[number, number]>;
  };
  const weights = new Float32Array(1 << raw.bits);
  for (const [i, w] of raw.weights) weights[i] = w / raw.scale;
  return {
    bits: raw.bits,
    weights,
    minRate: raw.minRate,
    dropNested: raw.dropNested,
    threshold: raw.threshold,
    generic: raw.generic === true,
    rich: (raw.features ?? 1) >= 2,
    alternatives: raw.alternatives === true,
    nest: raw.nest === true,
  };
}

function bucket(n: number): string {
  return n <= 1 ? '1' : n <= 2 ? '2' : n <= 5 ? '5' : n <= 10 ? '10' : n <= 20 ? '20' : 'more';
}

/** The kind of actor each token belongs to (person, organization, ...), '' when none. */
export function actorKinds(doc: Doc): string[] {
  const out: string[] = new Array(doc.tokens.length).fill('');
  const spans: Array<[number, number, string]> = [];
  for (const actor of doc.actors ?? []) for (const m of actor.mentions) spans.push([m.start, m.end, actor.kind]);
  spans.sort((x, y) => x[0] - y[0]);
  let t = 0;
  for (const [s, e, k] of spans) {
    while (t < doc.tokens.length && doc.tokens[t].end <= s) t++;
    for (let j = t; j < doc.tokens.length && doc.tokens[j].start < e; j++) out[j] = k;
  }
  return out;
}

/**
 * The features of attribution `a` (`nested`: its cue lies inside another attribution's content;
 * `rich`: with the structural features of `richFeatures`, models of feature set 2).
 */
export function attributionFeatures(
  doc: Doc,
  v: ParseView,
  a: Attribution,
  nested: boolean,
  kinds: readonly string[],
  rich = true,
): string[] {
  const c = a.cueFirst;
  const t = v.tokens[c];
  const lemma = a.cue?.lemma ?? v.lower[c];
  const cls = a.cue?.cls ?? 'none';
  const how = a.how.replace(/:.*$/, '');
  const f: string[] = ['bias', `l=${lemma}`, `w=${v.lower[c]}`, `cls=${cls}`, `how=${how}`, `kind=${a.kind}`];
  f.push(`l|how=${lemma}|${how}`, `l|kind=${lemma}|${a.kind}`, `cls|how=${cls}|${how}`, `cls|kind=${cls}|${a.kind}`);
  const dep = depOf(v, c);
  f.push(`dep=${dep}`, `l|dep=${lemma}|${dep}`, `pos=${t.pos}`);
  f.push(`pw=${c > 0 ? v.lower[c - 1] : '<s>'}`, `nw=${c + 1 < v.tokens.length ? v.lower[c + 1] : '</s>'}`);
  f.push(`l|nw=${lemma}|${c + 1 < v.tokens.length ? v.lower[c + 1] : '</s>'}`);
  if (a.speakerHead >= 0) {
    const h = a.speakerHead;
    const sp = v.tokens[h].pos === 'PRON' ? `pron:${v.lower[h]}` : (v.tokens[h].pos ?? 'X');
    f.push(`sp=${sp}`, `sp|cls=${sp}|${cls}`, `l|sp=${lemma}|yes`, `sp-side=${h < c ? 'before' : 'after'}`);
    f.push(`splen=${bucket(a.speakerLast - a.speakerFirst + 1)}`);
    const kind = kinds[h] || 'none';
    f.push(`spk=${kind}`, `l|spk=${lemma}|${kind}`, `how|spk=${how}|${kind}`, `sph=${v.lower[h]}`);
    f.push(`gap=${bucket(Math.abs(c - h))}`);
  } else f.push('sp=none', `sp|cls=none|${cls}`, `l|sp=${lemma}|no`);
  // content: its size and first word
  let words = 0;
  let firstWord = '';
  for (const p of a.pieces) {
    const s = doc.text.slice(p.start, p.end);
    const ws = s.split(/\s+/).filter((x) => x !== '');
    if (!firstWord && ws.length) firstWord = ws[0].toLowerCase().replace(/^["“'‘]+/, '');
    words += ws.length;
  }
  // the first token of the content
  const ct = firstTokenAtOrAfter(doc.tokens, a.pieces[0]?.start ?? 0);
  if (ct >= 0) {
    // a clause (a verb in the content) or a noun phrase
    const end = a.pieces[0]?.end ?? 0;
    let verb = false;
    for (let k = ct; k < doc.tokens.length && doc.tokens[k].start < end && !verb; k++)
      verb = v.tokens[k].pos === 'VERB' || v.tokens[k].pos === 'AUX';
    f.push(`cverb=${verb}`, `l|cverb=${lemma}|${verb}`, `how|cverb=${how}|${verb}`);
  }
  if (ct >= 0) f.push(`cpos=${v.tokens[ct].pos}`, `l|cpos=${lemma}|${v.tokens[ct].pos}`, `cdep=${depOf(v, ct)}`);
  f.push(`clen=${bucket(words)}`, `clen|how=${bucket(words)}|${how}`, `cf=${firstWord}`, `l|cf=${lemma}|${firstWord}`);
  f.push(`before=${a.pieces.length && a.pieces[0].start < t.start ? 'yes' : 'no'}`);
  if (nested) f.push('nested', `nested|cls=${cls}`, `nested|l=${lemma}`);
  if (rich) richFeatures(doc, v, a, lemma, cls, how, ct, kinds, f);
  if (a.carriedFrom >= 0) f.push('carried');
  return f;
}

const QUOTE_CHARS = /["“”‘’']/;

/**
 * The structure around the cue: how the content's head hangs on the cue and what kind of
 * clause it is (subject, marker, auxiliaries), the cue's tense, auxiliaries and negation, the
 * speaker's relation and kind, the cue's place in its sentence and quotation marks near it,
 * with conjunctions of the cue lemma and the generic candidates. Linear in the content length.
 */
function richFeatures(
  doc: Doc,
  v: ParseView,
  a: Attribution,
  lemma: string,
  cls: string,
  how: string,
  ct: number,
  kinds: readonly string[],
  f: string[],
): void {
  const c = a.cueFirst;
  const n = v.tokens.length;
  const gen = how.startsWith('generic') ? 'gen' : 'known';
  // the cue itself
  const tag = v.tokens[c].tag ?? 'X';
  f.push(`ctag=${tag}`, `l|ctag=${lemma}|${tag}`, `gen|ctag=${gen}|${tag}`);
  let aux = '';
  let neg = false;
  for (let k = v.childStart[c]; k < v.childStart[c + 1]; k++) {
    const j = v.childIndex[k];
    const d = depOf(v, j);
    if (d.startsWith('aux')) aux = v.lower[j];
    else if (v.lower[j] === 'not' || v.lower[j] === "n't" || v.lower[j] === 'never') neg = true;
  }
  f.push(`caux=${aux}`, `gen|caux=${gen}|${aux}`, `cneg=${neg}`, `gen|cneg=${gen}|${neg}`);
  const ch = headOf(v, c);
  const cdep = depOf(v, c);
  if (ch >= 0 && /^(xcomp|ccomp|conj|advcl)/.test(cdep)) {
    const hl = (v.tokens[ch].lemma ?? v.lower[ch]).toLowerCase();
    f.push(`hl=${hl}`, `gen|hl=${gen}|${hl}`);
  }
  // the content's head: the first token of the first piece whose head lies outside it
  const p0 = a.pieces[0];
  let chd = -1;
  if (ct >= 0 && p0) {
    for (let k = ct; k < n && doc.tokens[k].start < p0.end; k++) {
      const h = headOf(v, k);
      if (h < 0 || doc.tokens[h].start < p0.start || doc.tokens[h].start >= p0.end) {
        chd = k;
        break;
      }
    }
  }
  let rel = 'none';
  if (chd >= 0) {
    const h = headOf(v, chd);
    if (h === c) rel = depOf(v, chd);
    else if (ch >= 0 && ch >= chd && doc.tokens[ch].start >= (p0?.start ?? 0) && doc.tokens[ch].start < (p0?.end ?? 0))
      rel = `^${cdep}`;
    else if (h >= 0 && headOf(v, h) === c) rel = `${depOf(v, h)}>${depOf(v, chd)}`;
    else rel = 'far';
    const hp = v.tokens[chd].pos ?? 'X';
    let subj = 'none';
    let mark = 'none';
    let caux = 'none';
    let cneg = false;
    for (let k = v.childStart[chd]; k < v.childStart[chd + 1]; k++) {
      const j = v.childIndex[k];
      const d = depOf(v, j);
      if (d.startsWith('nsubj') || d.startsWith('csubj')) {
        const sp = v.tokens[j].pos === 'PRON' ? v.lower[j] : kinds[j] || v.tokens[j].pos || 'X';
        subj = sp;
      } else if (d === 'mark') mark = v.lower[j];
      else if (d.startsWith('aux')) caux = v.lower[j];
      else if (v.lower[j] === 'not' || v.lower[j] === "n't") cneg = true;
    }
    const htag = v.tokens[chd].tag ?? 'X';
    const finite = subj !== 'none' && (caux !== 'none' || /^(VBD|VBZ|VBP|MD)$/.test(htag) || hp !== 'VERB');
    f.push(`crel=${rel}`, `l|crel=${lemma}|${rel}`, `cls|crel=${cls}|${rel}`, `gen|crel=${gen}|${rel}`);
    f.push(`chpos=${hp}`, `l|chpos=${lemma}|${hp}`, `chtag=${htag}`, `gen|chtag=${gen}|${htag}`);
    f.push(`csubj=${subj}`, `gen|csubj=${gen}|${subj}`, `cmark=${mark}`, `l|cmark=${lemma}|${mark}`);
    f.push(`gen|cmark=${gen}|${mark}`, `caux2=${caux}`, `gen|caux2=${gen}|${caux}`, `cneg2=${cneg}`);
    f.push(`cfin=${finite}`, `l|cfin=${lemma}|${finite}`, `gen|cfin|rel=${gen}|${finite}|${rel}`);
    f.push(`rel|mark|subj=${rel}|${mark}|${subj === 'none' ? 'no' : 'yes'}`);
  } else f.push('crel=nohead', `l|crel=${lemma}|nohead`);
  // the speaker's relation to the cue
  const h = a.speakerHead;
  if (h >= 0) {
    const sh = headOf(v, h);
    const sdep = sh === c ? depOf(v, h) : sh >= 0 && headOf(v, sh) === c ? `${depOf(v, sh)}>${depOf(v, h)}` : 'far';
    const sl = (v.tokens[h].lemma ?? v.lower[h]).toLowerCase();
    const skind = v.tokens[h].pos === 'PRON' ? 'pron' : kinds[h] || (v.tokens[h].pos === 'PROPN' ? 'name' : 'noun');
    f.push(`sdep=${sdep}`, `l|sdep=${lemma}|${sdep}`, `gen|sdep=${gen}|${sdep}`, `shl=${sl}`);
    f.push(`gen|skind=${gen}|${skind}`, `l|skind=${lemma}|${skind}`, `gen|shl=${gen}|${sl}`);
    f.push(`skind|crel=${skind}|${rel}`);
  } else f.push(`gen|skind=${gen}|none`);
  // place in the sentence, quotation marks near the cue
  const sent = v.tokens[c].sentence;
  let s0 = c;
  while (s0 > 0 && v.tokens[s0 - 1].sentence === sent) s0--;
  let s1 = c;
  while (s1 + 1 < n && v.tokens[s1 + 1].sentence === sent) s1++;
  f.push(`spos=${bucket(c - s0)}`, `gen|spos=${gen}|${bucket(c - s0)}`, `srest=${bucket(s1 - c)}`);
  let q = false;
  for (let k = s0; k <= s1 && !q; k++) q = QUOTE_CHARS.test(v.tokens[k].text) && v.tokens[k].text.length === 1;
  f.push(`squote=${q}`, `gen|squote=${gen}|${q}`, `l|squote=${lemma}|${q}`);
}

export function scoreFeatures(m: FilterModel, feats: readonly string[]): number {
  let s = 0;
  for (const x of feats) s += m.weights[hashFeature(x, m.bits)];
  return s;
}

/**
 * Features of an attribution whose cue lies inside another proposal's content (`outer`): how
 * the cue hangs under the outer cue (the dependency path up to it), whether the two share
 * their speaker, whether the inner speaker lies inside the outer content ("X said Y criticized
 * Z", one attribution in PolNeAR) and the two cues' classes, crossed. Models with `"nest":true`.
 */
export function nestingFeatures(
  v: ParseView,
  a: Attribution,
  outer: Attribution | null,
  via: string,
  f: string[],
): void {
  if (!outer || outer.cueFirst < 0) {
    f.push('nest=none');
    return;
  }
  const c = a.cueFirst;
  const lemma = a.cue?.lemma ?? v.lower[c];
  const cls = a.cue?.cls ?? 'none';
  const ocls = outer.cue?.cls ?? 'none';
  const olemma = outer.cue?.lemma ?? v.lower[outer.cueFirst];
  let path = '';
  let h = c;
  for (let d = 0; h >= 0 && h !== outer.cueFirst && d < 4; d++) {
    path += `${depOf(v, h).replace(/:.*$/, '')}<`;
    h = headOf(v, h);
  }
  if (h !== outer.cueFirst)
    path = v.tokens[c].sentence === v.tokens[outer.cueFirst].sentence ? 'far' : 'other-sentence';
  const same =
    a.speakerHead < 0
      ? 'nosp'
      : a.speakerHead === outer.speakerHead
        ? 'same'
        : speakerInside(v, a, outer)
          ? 'in'
          : 'out';
  const tag = v.tokens[c].tag ?? 'X';
  f.push(
    `nest-via=${via}`,
    `nest-via|sp=${via}|${same}`,
    `nest-path=${path}`,
    `nest-sp=${same}`,
    `nest-path|sp=${path}|${same}`,
    `nest-ocls|cls=${ocls}|${cls}`,
  );
  f.push(`nest-ocls|cls|sp=${ocls}|${cls}|${same}`, `nest-l|sp=${lemma}|${same}`, `nest-ol=${olemma}`);
  f.push(
    `nest-tag|sp=${tag}|${same}`,
    `nest-kind=${outer.kind}|${a.kind}`,
    `nest-kind|sp=${outer.kind}|${a.kind}|${same}`,
  );
  f.push(`nest-cdep=${depOf(v, c)}`, `nest-cdep|sp=${depOf(v, c)}|${same}`, `nest-l|path=${lemma}|${path}`);
}

/** Whether the speaker of `a` lies inside a content piece of `outer`. */
function speakerInside(v: ParseView, a: Attribution, outer: Attribution): boolean {
  const s = v.tokens[a.speakerHead].start;
  return outer.pieces.some((p) => p.start <= s && s < p.end);
}
