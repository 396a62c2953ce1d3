// Training the parser: projectivized gold trees, the arc-eager dynamic oracle of Goldberg &
// Nivre (2012) with exploration for the moves; relations are learned on the right arcs made.
import {
  LEFT,
  MAX_ARC_FEATURES,
  MAX_MOVE_FEATURES,
  type ParserModel,
  ParseState,
  REDUCE,
  RIGHT,
  SHIFT,
} from '../../src/syntax/06-parser.js';
import { AveragedPerceptron, rng, shuffle } from './perceptron.js';

export interface ParserExample {
  words: Uint32Array;
  tags: Uint32Array;
  /** Gold heads (0-based, -1 root), projectivized. */
  head: Int32Array;
  label: Int32Array;
}

/** Lift non-projective arcs (shortest first) until the tree is projective. */
export function projectivize(heads: readonly number[]): number[] {
  const n = heads.length;
  const h = heads.map((x) => (x < 0 ? n : x));
  const dominates = (a: number, d: number) => {
    let x = d;
    for (let guard = 0; guard <= n && x !== n; guard++) {
      if (x === a) return true;
      x = h[x];
    }
    return a === n;
  };
  for (let iter = 0; iter < n * n; iter++) {
    let worst = -1;
    let worstLen = Infinity;
    for (let d = 0; d < n; d++) {
      const a = h[d];
      const lo = Math.min(a, d);
      const hi = Math.max(a, d);
      for (let k = lo + 1; k < hi; k++)
        if (!dominates(a, k)) {
          if (hi - lo < worstLen) {
            worst = d;
            worstLen = hi - lo;
          }
          break;
        }
    }
    if (worst < 0) break;
    h[worst] = h[h[worst]] ?? n;
  }
  return h.map((x) => (x === n ? -1 : x));
}

export interface TrainParserOptions {
  epochs: number;
  seed: number;
  /** Epoch from which the oracle follows the model's own (wrong) moves. */
  exploreFrom: number;
  exploreP: number;
  log?: (msg: string) => void;
  afterEpoch?: (epoch: number, moves: AveragedPerceptron, arcs: AveragedPerceptron) => void;
}

export function trainParser(
  examples: ParserExample[],
  labels: string[],
  opts: TrainParserOptions,
  tagCategory?: Uint8Array,
): { moves: AveragedPerceptron; arcs: AveragedPerceptron; model: ParserModel } {
  const L = labels.length;
  const rootLabel = labels.indexOf('root');
  const moves = new AveragedPerceptron(4, 1 << 20);
  const arcs = new AveragedPerceptron(2 * L, 1 << 18);
  const model: ParserModel = { labels, rootLabel, moves, arcs, tagCategory };
  const st = new ParseState();
  if (model.tagCategory) st.tagCategory = model.tagCategory;
  const mkeys = new Uint32Array(MAX_MOVE_FEATURES);
  const akeys = new Uint32Array(MAX_ARC_FEATURES);
  const ms = new Float32Array(4);
  const as = new Float32Array(2 * L);
  const rand = rng(opts.seed);
  const order = examples.map((_, i) => i);
  let inStack = new Uint8Array(256);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    let steps = 0;
    let wrong = 0;
    let arcSteps = 0;
    let arcWrong = 0;
    for (const ei of order) {
      const ex = examples[ei];
      const n = ex.words.length;
      const gh = Int32Array.from(ex.head, (x) => (x < 0 ? n : x));
      const gl = ex.label;
      // gold dependents per token, ascending
      const deps: number[][] = Array.from({ length: n + 1 }, () => []);
      for (let d = 0; d < n; d++) deps[gh[d]].push(d);
      if (inStack.length < n + 1) inStack = new Uint8Array(2 * (n + 1));
      inStack.fill(0, 0, n + 1);
      st.reset(n);
      for (let i = 0; i < n; i++) {
        st.w[i] = ex.words[i];
        st.p[i] = ex.tags[i];
      }
      st.finishInput();
      const depsFrom = (x: number, from: number) => {
        let c = 0;
        for (const d of deps[x]) if (d >= from) c++;
        return c;
      };
      const headlessStackDeps = (x: number) => {
        let c = 0;
        for (const d of deps[x]) if (d < x && inStack[d] && st.head[d] < 0) c++;
        return c;
      };
      const explore = epoch >= opts.exploreFrom;
      while (!st.terminal) {
        const b = st.b;
        const s0 = st.sp > 0 ? st.stack[st.sp - 1] : -1;
        const nm = st.moveFeatures(mkeys);
        ms.fill(0);
        moves.score(mkeys, nm, ms);
        const atRoot = b >= n;
        let pm = -1;
        let gm = -1;
        let pc = 0;
        for (let m = 0; m < 4; m++) {
          if (!st.valid(m)) continue;
          let c = 0;
          if (!atRoot) {
            if (m === SHIFT) c = (gh[b] < n && inStack[gh[b]] ? 1 : 0) + headlessStackDeps(b);
            else if (m === REDUCE) c = depsFrom(s0, b);
            else if (m === LEFT) c = (gh[s0] !== b && gh[s0] > b ? 1 : 0) + depsFrom(s0, b);
            else {
              const g = gh[b];
              c = (g !== s0 && (g > b || (g < n && inStack[g])) ? 1 : 0) + headlessStackDeps(b);
            }
          }
          if (pm < 0 || ms[m] > ms[pm]) {
            pm = m;
            pc = c;
          }
          if (c === 0 && (gm < 0 || ms[m] > ms[gm])) gm = m;
        }
        steps++;
        if (pc > 0 && gm >= 0) {
          wrong++;
          moves.update(mkeys, nm, gm, 1);
          moves.update(mkeys, nm, pm, -1);
        }
        moves.tick();
        const follow = gm < 0 || (explore && rand() < opts.exploreP);
        const m = follow ? pm : gm;
        // the relation: learned on every arc the parser makes that is right
        let l = -1;
        if (m === LEFT || m === RIGHT) {
          const h = m === LEFT ? b : s0;
          const d = m === LEFT ? s0 : b;
          if (h >= n) l = rootLabel;
          else {
            const na = st.arcFeatures(h, d, akeys);
            as.fill(0);
            arcs.score(akeys, na, as);
            const off = d < h ? 0 : L;
            for (let x = 0; x < L; x++) if (x !== rootLabel && (l < 0 || as[off + x] > as[off + l])) l = x;
            if (gh[d] === h) {
              arcSteps++;
              if (l !== gl[d]) {
                arcWrong++;
                arcs.update(akeys, na, off + gl[d], 1);
                arcs.update(akeys, na, off + l, -1);
                if (!explore) l = gl[d];
              }
            }
            arcs.tick();
          }
        }
        if (m === SHIFT || m === RIGHT) inStack[b] = 1;
        else if (s0 >= 0) inStack[s0] = 0;
        st.apply(m, l);
      }
    }
    opts.log?.(
      `epoch ${epoch + 1}: ${((100 * wrong) / steps).toFixed(2)}% of ${steps} moves and ${((100 * arcWrong) / Math.max(1, arcSteps)).toFixed(2)}% of right arcs' relations updated, ${moves.size}+${arcs.size} features`,
    );
    opts.afterEpoch?.(epoch, moves, arcs);
  }
  return { moves, arcs, model };
}
