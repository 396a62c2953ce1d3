// A learned check of the attributions the rules propose (data/quotes/filter.json, written by
// `npm run train:quotes` from the PolNeAR training split): an averaged perceptron over hashed
// features of the cue (lemma, form, relation, how its content was found), its speaker and its
// content says whether the cue really attributes content. Linear in the number of attributions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Doc, firstTokenAtOrAfter } from '../doc/doc.js';
import { depOf, type ParseView } from './03-tree.js';
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

/** The features of attribution `a` (`nested`: its cue lies inside another attribution's content). */
export function attributionFeatures(
  doc: Doc,
  v: ParseView,
  a: Attribution,
  nested: boolean,
  kinds: readonly string[],
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
  if (a.carriedFrom >= 0) f.push('carried');
  return f;
}

export function scoreFeatures(m: FilterModel, feats: readonly string[]): number {
  let s = 0;
  for (const x of feats) s += m.weights[hashFeature(x, m.bits)];
  return s;
}
