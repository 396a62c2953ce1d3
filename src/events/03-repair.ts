// Local repairs of the dependency parse before events are read from it. The tagger and parser
// make a few errors that cost an event its source: a name with a verb-like word in it
// ("Human Rights Watch urged ...": "Watch" taken as the main verb) and a sentence-initial
// participle taken for a verb with the subject as its object ("Suspected gunmen killed ..."), and
// a clause hung under a punctuation mark, and a sentence read as one noun phrase, and an active
// verb read as a passive.
// Repaired sentences are read from a copy of the token array; the document's own tokens are not changed.
import { type Doc, firstTokenAtOrAfter } from '../doc/doc.js';
import type { Token } from '../doc/types.js';

const FINITE = new Set(['VBD', 'VBZ', 'VBP']);
const NAME_TYPES = new Set(['ORG', 'PERSON', 'GPE', 'NORP', 'FAC', 'LOC', 'EVENT', 'MISC']);
const SUBJECT = /^(nsubj|csubj)/;

type Name = Doc['entities'][number];
const sortedNames = new WeakMap<readonly Name[], Name[]>();
const copies = new WeakMap<Doc, Token[]>();

/** The tokens to read sentence [s0, s1) from: the document's own, or a copy with the sentence's parse repaired. */
export function repairedTokens(doc: Doc, s0: number, s1: number): readonly Token[] {
  const tokens = doc.tokens;
  let names = sortedNames.get(doc.entities);
  if (!names) {
    names = doc.entities.slice().sort((a, b) => a.start - b.start);
    sortedNames.set(doc.entities, names);
  }
  let out: Token[] | null = null;
  const edit = (j: number, patch: Partial<Token>) => {
    if (!out) {
      // one copy per document, shared by its repaired sentences (each edits its own range)
      out = copies.get(doc) ?? tokens.slice();
      copies.set(doc, out);
    }
    out[j] = { ...out[j], ...patch };
  };
  const cur = () => out ?? tokens;
  const kids = (h: number) => {
    const t = cur();
    const r: number[] = [];
    for (let j = s0; j < s1; j++) if (t[j].head === h) r.push(j);
    return r;
  };

  // 1. a verb-like word inside a capitalised multi-word name, with the clause's verb right after
  //    the name hung under it ("Human Rights Watch urged", "Save the Children said")
  if (names.length && s1 > s0) {
    const from = tokens[s0].start;
    const to = tokens[s1 - 1].end;
    let lo = 0;
    let hi = names.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (names[mid].end <= from) lo = mid + 1;
      else hi = mid;
    }
    for (let n = lo; n < names.length && names[n].start < to; n++) {
      const e = names[n];
      if (!NAME_TYPES.has(e.type)) continue;
      const i = firstTokenAtOrAfter(tokens, e.start);
      let j = i;
      while (j + 1 < s1 && tokens[j + 1].end <= e.end) j++;
      if (i < s0 || j <= i || j + 1 >= s1) continue;
      const t = cur();
      // every word of the name capitalised (a name, not a tagged phrase)
      let caps = true;
      for (let k = i; k <= j; k++) {
        const w = t[k].text;
        if (/^[a-z]/.test(w) && !['of', 'the', 'for', 'and', 'without', 'de', 'al'].includes(w)) caps = false;
      }
      if (!caps) continue;
      for (let k = i + 1; k <= j; k++) {
        if (t[k].pos !== 'VERB') continue;
        // the verb after the name, attached to the name's verb-like word
        let v = -1;
        for (let x = j + 1; x < Math.min(s1, j + 4); x++) {
          if (t[x].pos === 'VERB' && FINITE.has(t[x].tag ?? '')) {
            v = x;
            break;
          }
          if (t[x].pos !== 'ADV' && t[x].pos !== 'AUX' && t[x].pos !== 'PART') break;
        }
        if (v < 0 || t[v].head !== k) continue;
        // the name's head word: the verb-like word becomes a noun, the subject of the real verb
        const vk = kids(k).filter((c) => (c < i || c > j) && c !== v);
        edit(v, { head: t[k].head, dep: t[k].dep });
        edit(k, { head: v, dep: 'nsubj', pos: 'PROPN', tag: 'NNP', lemma: t[k].text });
        for (const c of vk) edit(c, { head: v });
        // words of the name hung under the verb-like word as subject or object stay inside the name
        for (let x = i; x <= j; x++)
          if (x !== k && cur()[x].head === k && /^(nsubj|obj)/.test(cur()[x].dep ?? '')) edit(x, { dep: 'compound' });
        break;
      }
    }
  }

  // 2. "Suspected drug traffickers shot dead ...": a sentence-initial participle taken for a verb
  //    whose object is the subject of the main verb
  {
    const t = cur();
    const p = s0;
    const h = t[p].head ?? -1;
    if (t[p].tag === 'VBN' && h > p && h < s1 && t[h].pos === 'VERB' && FINITE.has(t[h].tag ?? '')) {
      const objs = kids(p).filter((c) => c < h && t[c].dep === 'obj' && (t[c].pos === 'NOUN' || t[c].pos === 'PROPN'));
      const hasSubj = kids(h).some((c) => SUBJECT.test(t[c].dep ?? ''));
      if (objs.length === 1 && !hasSubj) {
        const n = objs[0];
        // nothing but the noun's own phrase between the participle and the verb
        let inside = true;
        for (let x = p + 1; x < h; x++) {
          let y = x;
          for (let g = 0; g < 6 && y !== n && y >= 0; g++) y = cur()[y].head ?? -1;
          if (y !== n && x !== n) inside = false;
        }
        if (inside) {
          edit(n, { head: h, dep: 'nsubj' });
          edit(p, { head: n, dep: 'amod', pos: 'ADJ', tag: 'JJ' });
        }
      }
    }
  }
  // 3. a clause hung under a punctuation mark ("threatened to stop the talks if the United States
  //    goes ahead ." with "goes" under the full stop): under the word the mark belongs to
  {
    const t = cur();
    for (let j = s0; j < s1; j++) {
      const h = t[j].head ?? -1;
      if (h < s0 || h >= s1 || t[h].pos !== 'PUNCT' || t[j].pos === 'PUNCT') continue;
      const up = t[h].head ?? -1;
      if (up >= s0 && up < s1 && up !== j) edit(j, { head: up });
    }
  }
  // 4. a sentence read as one noun phrase, its verb taken for an adjective ("Red Cross officials
  //    suspended aid deliveries in Baghdad"): the "-ed" word between two nouns is the verb
  {
    const t = cur();
    let root = -1;
    for (let j = s0; j < s1; j++) if (t[j].head === -1) root = j;
    // (the "-ed" word may itself be tagged a verb: "Israeli aircraft bombed targets in ...", with
    // "aircraft" hung under it; no other verb may be finite)
    const otherVerb = (k: number) => {
      for (let j = s0; j < s1; j++) {
        if (j === k) continue;
        if (t[j].pos === 'AUX' || (t[j].pos === 'VERB' && !['VBG', 'VBN'].includes(t[j].tag ?? ''))) return true;
        if (t[j].pos === 'VERB' && j < root) return true;
      }
      return false;
    };
    if (root >= 0 && t[root].pos === 'NOUN') {
      for (let k = s0 + 1; k < root; k++) {
        const w = t[k];
        if (!/^[a-z]+ed$/.test(w.text) || w.dep !== 'amod' || w.head !== root) continue;
        const subj = k - 1;
        if (t[subj].pos !== 'NOUN' && t[subj].pos !== 'PROPN') continue;
        if (t[subj].head !== root && t[subj].head !== k) continue;
        if (otherVerb(k)) break;
        edit(k, { pos: 'VERB', tag: 'VBD', head: -1, dep: 'root' });
        edit(subj, { head: k, dep: 'nsubj' });
        edit(root, { head: k, dep: 'obj' });
        for (let j = s0; j < subj; j++) if (cur()[j].head === root) edit(j, { head: subj });
        for (let j = root + 1; j < s1; j++)
          if (cur()[j].head === root && cur()[j].pos === 'PUNCT') edit(j, { head: k });
        break;
      }
    }
  }
  // 5. the same with the subject as the root and the verb hung under its object ("Kenyan police fired
  //    tear gas at ..." read as "police [fired tear gas] [at ...]")
  {
    const t = cur();
    let r = -1;
    for (let j = s0; j < s1; j++) if (t[j].head === -1) r = j;
    const k = r + 1;
    if (r >= s0 && k < s1 && (t[r].pos === 'NOUN' || t[r].pos === 'PROPN') && /^[a-z]+ed$/.test(t[k].text)) {
      const n = t[k].head ?? -1;
      let others = false;
      for (let j = s0; j < s1; j++)
        if (j !== k && (t[j].pos === 'AUX' || (t[j].pos === 'VERB' && !['VBG', 'VBN'].includes(t[j].tag ?? ''))))
          others = true;
      if (t[k].dep === 'amod' && n > k && n < s1 && t[n].head === r && t[n].pos === 'NOUN' && !others) {
        edit(k, { pos: 'VERB', tag: 'VBD', head: -1, dep: 'root' });
        edit(r, { head: k, dep: 'nsubj' });
        edit(n, { head: k, dep: 'obj' });
        for (let j = k + 1; j < s1; j++) {
          if (j === n || cur()[j].head !== r) continue;
          const d = cur()[j].dep ?? '';
          edit(j, { head: k, ...(d.startsWith('nmod') ? { dep: 'obl' } : {}) });
        }
      }
    }
  }
  // 6. a coordinated subject whose second member the parse hung under the verb, the verb as a
  //    conjunct of the first ("Israel and the UAE established ties": root "Israel", "established" its conj)
  {
    const t = cur();
    let r = -1;
    for (let j = s0; j < s1; j++) if (t[j].head === -1) r = j;
    if (r >= s0 && (t[r].pos === 'PROPN' || t[r].pos === 'NOUN')) {
      for (let k = r + 2; k < s1; k++) {
        if (t[k].head !== r || t[k].dep !== 'conj' || t[k].pos !== 'VERB' || t[k].tag !== 'VBD') continue;
        const n = k - 1;
        const cc = kids(k).find((c) => c > r && c < n && t[c].pos === 'CCONJ');
        if (cc === undefined || t[n].head !== k || (t[n].pos !== 'PROPN' && t[n].pos !== 'NOUN')) break;
        // only the words of the second member between the conjunction and the verb
        let np = true;
        for (let j = cc + 1; j < n; j++) if (!['DET', 'ADJ', 'PROPN', 'NOUN'].includes(t[j].pos ?? '')) np = false;
        if (!np || kids(k).some((c) => c < r)) break;
        let others = false;
        for (let j = s0; j < s1; j++)
          if (j !== k && (t[j].pos === 'AUX' || (t[j].pos === 'VERB' && FINITE.has(t[j].tag ?? '')))) others = true;
        if (others) break;
        edit(k, { head: -1, dep: 'root' });
        edit(r, { head: k, dep: 'nsubj' });
        edit(n, { head: r, dep: 'conj' });
        edit(cc, { head: n });
        for (let j = cc + 1; j < n; j++) if (cur()[j].head === k) edit(j, { head: n });
        for (let j = k + 1; j < s1; j++) if (cur()[j].head === r) edit(j, { head: k });
        break;
      }
    }
  }
  // 7. a passive subject of a verb with no auxiliary and a direct object of its own ("North Korea
  //    test-fired two missiles" read as a passive): the subject of an active verb
  {
    const t = cur();
    for (let v = s0; v < s1; v++) {
      if (t[v].pos !== 'VERB' || (t[v].tag !== 'VBN' && t[v].tag !== 'VBD')) continue;
      const ks = kids(v);
      const subj = ks.filter((c) => t[c].dep === 'nsubj:pass' && c < v);
      if (subj.length !== 1) continue;
      if (ks.some((c) => /^(aux|cop|obl:agent|expl)/.test(t[c].dep ?? ''))) continue;
      if (!ks.some((c) => t[c].dep === 'obj' && c > v)) continue;
      edit(subj[0], { dep: 'nsubj' });
      if (t[v].tag === 'VBN') edit(v, { tag: 'VBD' });
    }
  }
  return out ?? tokens;
}
