// Step 7: find the expressions of one sentence. Phase by phase (rules.txt: [base], then
// [compose]), every rule that can start at a piece is tried there; the candidates are kept
// longest first without overlaps; each phase's expressions become single items that the
// next phase's rules can match (@DATE, @TIME ...), e.g. "early" + "next year".
import type { Token } from '../doc/types.js';
import type { Lexicon } from './01-lexicon.js';
import { buildItems } from './02-items.js';
import {
  type Capture,
  candidateVariants,
  type MatchItem,
  matchVariant,
  type PhaseIndex,
  type RuleMatch,
  type RuleSet,
} from './03-rules.js';
import { ACTIONS, Captures, type Frame, frameGran, GUARDS } from './04-actions.js';

export interface Found {
  start: number;
  end: number;
  frame: Frame;
  /** The expressions a range was built from (kept for ranges reported as their two ends). */
  parts?: Found[];
  /** For an end of such a range: the range, and which end this is (0 begin, 1 end). */
  whole?: Frame;
  part?: 0 | 1;
}

interface SeqItem extends MatchItem {
  found: Found | null;
}

interface Candidate {
  m: RuleMatch;
  frame: Frame;
  length: number;
}

/** Rounds of the compose phase (an expression built in one round can join another in the next). */
const COMPOSE_ROUNDS = 3;

function chunkFrames(seq: readonly SeqItem[], caps: readonly Capture[]): Frame[] {
  const out: Frame[] = [];
  for (const c of caps)
    if (c.cls === '@') {
      const f = seq[c.from].found;
      if (f) out.push(f.frame);
    }
  return out;
}

/** The match covers exactly a NOT_TIME phrase ("the last minute"). */
function isIdiom(seq: readonly SeqItem[], m: RuleMatch): boolean {
  const first = seq[m.from];
  for (const c of first.classes) if (c.cls === 'NOT_TIME' && c.len === m.to - m.from) return true;
  return false;
}

function candidates(seq: readonly SeqItem[], idx: PhaseIndex): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < seq.length; i++) {
    const variants = candidateVariants(idx, seq, i);
    // the best match of each rule over its variants
    let k = 0;
    while (k < variants.length) {
      const rule = variants[k].rule;
      let best: RuleMatch | null = null;
      let bestLen = -1;
      for (; k < variants.length && variants[k].rule === rule; k++) {
        const m = matchVariant(variants[k], seq, i);
        if (!m) continue;
        const len = seq[m.to - 1].end - seq[m.from].start;
        if (len > bestLen) {
          best = m;
          bestLen = len;
        }
      }
      if (!best || isIdiom(seq, best)) continue;
      const frames = chunkFrames(seq, best.captures);
      const frame = ACTIONS[rule.action](new Captures(best.captures, frames), rule.args, rule);
      if (!frame) continue;
      const guard = rule.args.guard;
      if (guard && !GUARDS[guard]?.(seq, best, frames)) continue;
      out.push({ m: best, frame, length: bestLen });
    }
  }
  return out;
}

function byPreference(a: Candidate, b: Candidate): number {
  return b.length - a.length || a.m.rule.order - b.m.rule.order || a.m.from - b.m.from;
}

function byStart(a: Candidate, b: Candidate): number {
  return a.m.from - b.m.from;
}

/** Longest first, then earlier rule, then earlier start; no two may share an item. */
function select(cands: Candidate[], n: number): Candidate[] {
  cands.sort(byPreference);
  const taken = new Uint8Array(n);
  const kept: Candidate[] = [];
  for (const c of cands) {
    let free = true;
    for (let k = c.m.from; k < c.m.to && free; k++) if (taken[k]) free = false;
    if (!free) continue;
    for (let k = c.m.from; k < c.m.to; k++) taken[k] = 1;
    kept.push(c);
  }
  return kept.sort(byStart);
}

function rebuild(seq: readonly SeqItem[], kept: readonly Candidate[]): SeqItem[] {
  const out: SeqItem[] = [];
  let k = 0;
  for (let i = 0; i < seq.length; ) {
    const c = kept[k];
    if (c && c.m.from === i) {
      const start = seq[c.m.from].start;
      const end = seq[c.m.to - 1].end;
      out.push({
        start,
        end,
        word: '',
        lead: seq[c.m.from].lead ?? seq[c.m.from].word,
        classes: [],
        chunk: { type: c.frame.type, gran: frameGran(c.frame) },
        found: { start, end, frame: c.frame, parts: partsOf(seq, c) },
      });
      i = c.m.to;
      k++;
    } else out.push(seq[i++]);
  }
  return out;
}

/** The two expressions of a range to be reported as its ends. */
function partsOf(seq: readonly SeqItem[], c: Candidate): Found[] | undefined {
  if (c.frame.spec.kind !== 'range' || !c.frame.spec.split) return undefined;
  const parts: Found[] = [];
  for (let k = c.m.from; k < c.m.to; k++) {
    const f = seq[k].found;
    if (f) parts.push(f);
  }
  return parts.length === 2 ? parts : undefined;
}

function hasFound(it: SeqItem): boolean {
  return it.found !== null;
}

/** Time expressions of the tokens [t0, t1) (one sentence), in text order. */
export function recognize(tokens: readonly Token[], t0: number, t1: number, lex: Lexicon, rules: RuleSet): Found[] {
  if (t1 <= t0) return [];
  const items = buildItems(tokens, t0, t1, lex);
  let seq = items as unknown as SeqItem[];
  for (const it of seq) {
    it.chunk = null;
    it.found = null;
  }
  for (const phase of rules.phases) {
    const rounds = phase === rules.phases[0] ? 1 : COMPOSE_ROUNDS;
    const idx = rules.index.get(phase);
    if (!idx) continue;
    for (let r = 0; r < rounds; r++) {
      const kept = select(candidates(seq, idx), seq.length);
      if (kept.length === 0) break;
      seq = rebuild(seq, kept);
    }
    // later phases only combine expressions: none found, nothing to combine
    if (!seq.some(hasFound)) return [];
  }
  const out: Found[] = [];
  for (const it of seq) {
    const f = it.found;
    if (!f) continue;
    if (f.parts) {
      out.push({ ...f.parts[0], whole: f.frame, part: 0 }, { ...f.parts[1], whole: f.frame, part: 1 });
    } else out.push(f);
  }
  return out;
}
