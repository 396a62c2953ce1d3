// Training the parser: projectivized gold trees, the arc-eager dynamic oracle of Goldberg &
// Nivre (2012) with exploration, and a joint perceptron update of the move and arc models.
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
  afterEpoch?: (epoch: number, model: ParserModel) => void;
}

export function trainParser(
  examples: ParserExample[],
  labels: string[],
  opts: TrainParserOptions,
): { moves: AveragedPerceptron; arcs: AveragedPerceptron; model: ParserModel } {
  const L = labels.length;
  const rootLabel = labels.indexOf('root');
  const moves = new AveragedPerceptron(4, 1 << 20);
  const arcs = new AveragedPerceptron(2 * L, 1 << 18);
  const model: ParserModel = { labels, rootLabel, moves, arcs };
  const st = new ParseState();
  const mkeys = new Uint32Array(MAX_MOVE_FEATURES);
  const akeysL = new Uint32Array(MAX_ARC_FEATURES);
  const akeysR = new Uint32Array(MAX_ARC_FEATURES);
  const ms = new Float32Array(4);
  const asL = new Float32Array(2 * L);
  const asR = new Float32Array(2 * L);
  const rand = rng(opts.seed);
  const order = examples.map((_, i) => i);
  let inStack = new Uint8Array(256);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, rand);
    let steps = 0;
    let wrong = 0;
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
        let nl = 0;
        let nr = 0;
        const canL = st.valid(LEFT);
        const canR = st.valid(RIGHT);
        if (canL && b < n) {
          nl = st.arcFeatures(b, s0, akeysL);
          asL.fill(0);
          arcs.score(akeysL, nl, asL);
        }
        if (canR) {
          nr = st.arcFeatures(s0, b, akeysR);
          asR.fill(0);
          arcs.score(akeysR, nr, asR);
        }
        // candidates: (move, label, score, cost)
        let pm = -1;
        let pl = -1;
        let ps = -Infinity;
        let pc = 0;
        let gm = -1;
        let gl2 = -1;
        let gs = -Infinity;
        const consider = (m: number, l: number, s: number, c: number) => {
          if (s > ps) {
            ps = s;
            pm = m;
            pl = l;
            pc = c;
          }
          if (c === 0 && s > gs) {
            gs = s;
            gm = m;
            gl2 = l;
          }
        };
        const atRoot = b >= n;
        for (let m = 0; m < 4; m++) {
          if (!st.valid(m)) continue;
          if (atRoot) {
            consider(m, m === LEFT ? rootLabel : -1, ms[m], 0);
            continue;
          }
          if (m === SHIFT) {
            const c = (inStack[gh[b]] && gh[b] < n ? 1 : 0) + headlessStackDeps(b);
            consider(m, -1, ms[m], c);
          } else if (m === REDUCE) {
            consider(m, -1, ms[m], depsFrom(s0, b));
          } else if (m === LEFT) {
            const c = (gh[s0] !== b && gh[s0] > b ? 1 : 0) + depsFrom(s0, b);
            const goldArc = gh[s0] === b;
            for (let l = 0; l < L; l++) {
              if (l === rootLabel) continue;
              consider(m, l, ms[m] + asL[l], c + (goldArc && gl[s0] !== l ? 1 : 0));
            }
          } else {
            const g = gh[b];
            let c = g !== s0 && (g > b || (g < n && inStack[g])) ? 1 : 0;
            c += headlessStackDeps(b);
            const goldArc = g === s0;
            for (let l = 0; l < L; l++) {
              if (l === rootLabel) continue;
              consider(m, l, ms[m] + asR[L + l], c + (goldArc && gl[b] !== l ? 1 : 0));
            }
          }
        }
        steps++;
        if (pc > 0 && gm >= 0) {
          wrong++;
          if (pm !== gm) {
            moves.update(mkeys, nm, gm, 1);
            moves.update(mkeys, nm, pm, -1);
          }
          if (!(pm === gm && pl === gl2)) {
            if (gm === LEFT && !atRoot) arcs.update(akeysL, nl, gl2, 1);
            if (gm === RIGHT) arcs.update(akeysR, nr, L + gl2, 1);
            if (pm === LEFT && !atRoot) arcs.update(akeysL, nl, pl, -1);
            if (pm === RIGHT) arcs.update(akeysR, nr, L + pl, -1);
          }
        }
        moves.tick();
        arcs.c = moves.c;
        const follow = gm < 0 || (explore && rand() < opts.exploreP);
        const m = follow ? pm : gm;
        const l = follow ? pl : gl2;
        if (m === SHIFT || m === RIGHT) inStack[b] = 1;
        else if (s0 >= 0) inStack[s0] = 0;
        st.apply(m, l);
      }
    }
    opts.log?.(
      `epoch ${epoch + 1}: ${((100 * wrong) / steps).toFixed(2)}% of ${steps} steps updated, ${moves.size}+${arcs.size} features`,
    );
    opts.afterEpoch?.(epoch, model);
  }
  return { moves, arcs, model };
}
