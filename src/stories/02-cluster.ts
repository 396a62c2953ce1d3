// Step 2: online story clustering, after Miranda et al. (2018), "Multilingual Clustering of
// Streaming News" (EMNLP): each arriving article is compared with the live stories that share
// a term with it, and joins the best one if its score reaches the threshold, else starts a new
// story. An article is compared with each of a story's recent articles on several cosine
// similarities of unit TF-IDF vectors (content words, title and lead words, figures, names of
// all kinds and by kind, years, dates spoken of) and on which of them clash (both have some,
// none shared); a logistic pair scorer trained on ECB+ train (scripts/stories/train.ts,
// data/stories/scorer.json) turns these into the probability that both tell one story, and a
// story scores the mean of its `topK` best such probabilities, plus a bonus for time proximity.
// Document frequencies grow with the stream. Only stories whose dates come within a time
// window of the article's are joined; the least recently active beyond a cap retire, postings
// per term keep the most recent stories, and stories keep their latest articles and their
// heaviest terms, so work and memory per article stay bounded.
import { fnv1a } from '../dedup/01-normalize.js';
import type { Bag, StoryFeatures } from './01-features.js';

export interface StoryParams {
  /** Weights of the pair scorer, one per pair feature (`PAIR_FEATURES`), and its bias. */
  weights: number[];
  bias: number;
  /** A story scores the mean of its this many best pair probabilities. */
  topK: number;
  /** Weight of time proximity exp(-days / timeScale) (both dated only). */
  time: number;
  timeScale: number;
  /** Least score to join a story. */
  threshold: number;
  /** An article joins no story whose dates are further than this many days from its own. */
  windowDays: number;
  /** Most live stories. */
  maxStories: number;
  /** Stories scored per article (those sharing most terms with it). */
  maxCandidates: number;
  /** Terms kept per centroid bag. */
  maxTerms: number;
  /** Recent articles kept per story, compared with each arriving article. */
  maxMembers: number;
}

/** The sub-vectors an article is compared on (prefixes of src/stories/01-features.ts). */
export const PARTS = ['words', 'lead', 'figs', 'names', 'people', 'places', 'orgs', 'years', 'dates'] as const;
export type Part = (typeof PARTS)[number];
/** One article of a story: its unit TF-IDF sub-vectors. */
export type Member = Record<Part, Map<string, number>>;

/** Sub-vectors whose clash (both have terms, none shared) is a feature of its own. */
const CLASHING: Part[] = ['figs', 'names', 'people', 'places', 'orgs', 'years', 'dates'];

/** Names of the pair features, in the order of `pairFeatures` (and of the scorer's weights). */
export const PAIR_FEATURES: string[] = [
  ...PARTS,
  ...CLASHING.map((p) => `${p} clash`),
  'sqrt words',
  'sqrt lead',
  'sqrt names',
  'sqrt people',
  'words^2',
  'words x names',
];

/**
 * The features of a pair of articles: the cosine of each sub-vector, which clash, and a few
 * curves of the strongest (square roots, a square, a product) so that a linear scorer can bend.
 */
export function pairFeatures(a: Member, b: Member): number[] {
  const x: number[] = new Array(PAIR_FEATURES.length);
  const cos: Record<string, number> = {};
  let i = 0;
  for (const p of PARTS) {
    let u = a[p];
    let v = b[p];
    if (u.size > v.size) [u, v] = [v, u];
    let dot = 0;
    for (const [t, w] of u) {
      const o = v.get(t);
      if (o) dot += w * o;
    }
    cos[p] = dot;
    x[i++] = dot;
  }
  for (const p of CLASHING) x[i++] = a[p].size > 0 && b[p].size > 0 && cos[p] === 0 ? 1 : 0;
  x[i++] = Math.sqrt(cos.words);
  x[i++] = Math.sqrt(cos.lead);
  x[i++] = Math.sqrt(cos.names);
  x[i++] = Math.sqrt(cos.people);
  x[i++] = cos.words * cos.words;
  x[i++] = cos.words * cos.names;
  return x;
}

/** The probability that a pair tells one story, from its features. */
export function pairProbability(x: number[], weights: number[], bias: number): number {
  let z = bias;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * x[i];
  return 1 / (1 + Math.exp(-z));
}

/** The sub-vector of a term of a bag, and for names the kind's sub-vector besides `names`. */
function partOf(kind: (typeof KINDS)[number], t: string): Part {
  if (kind === 'words') {
    const c = t.charCodeAt(0);
    return c === 94 ? 'lead' : c === 35 ? 'figs' : 'words'; // ^ and #
  }
  if (kind === 'dates') return t.length === 4 ? 'years' : 'dates';
  return t.startsWith('p:') ? 'people' : t.startsWith('g:') ? 'places' : 'orgs';
}

/**
 * An article's unit TF-IDF sub-vectors ((1 + ln tf) x idf, each scaled to unit length), the IDF
 * of a term of a bag given by `idf`.
 */
export function memberVectors(
  f: Pick<StoryFeatures, 'words' | 'names' | 'dates'>,
  idf: (kind: (typeof KINDS)[number], term: string) => number,
): Member {
  const m = Object.fromEntries(PARTS.map((p) => [p, new Map<string, number>()])) as Member;
  for (const kind of KINDS)
    for (const [t, tf] of f[kind]) {
      const w = (1 + Math.log(tf)) * idf(kind, t);
      if (w <= 0) continue;
      if (kind !== 'names') m[partOf(kind, t)].set(t, w);
      else {
        m[partOf(kind, t)].set(t, w);
        // all names together, whatever kind the recognizer gave them
        const bare = t.slice(2);
        m.names.set(bare, (m.names.get(bare) ?? 0) + w);
      }
    }
  for (const p of PARTS) {
    const v = m[p];
    let s = 0;
    for (const w of v.values()) s += w * w;
    const norm = Math.sqrt(s);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
  }
  return m;
}

/**
 * A hand-set fallback pair scorer (data/stories/scorer.json, trained on ECB+ train, replaces
 * it): mostly words and names alike, clashing names and years against.
 */
const FALLBACK_WEIGHTS = Object.fromEntries([
  ['words', 6],
  ['lead', 3],
  ['names', 2],
  ['people', 1],
  ['places', 1],
  ['years', 1.5],
  ['figs', 2],
  ['names clash', -2],
  ['years clash', -1],
  ['people clash', -0.5],
  ['sqrt words', 4],
]);

export const DEFAULT_STORY_PARAMS: StoryParams = {
  weights: PAIR_FEATURES.map((n) => FALLBACK_WEIGHTS[n] ?? 0),
  bias: -5,
  topK: 3,
  time: 0.1,
  timeScale: 3,
  threshold: 0.4,
  windowDays: 14,
  maxStories: 10_000,
  maxCandidates: 40,
  maxTerms: 200,
  maxMembers: 12,
};

interface Centroid {
  words: Bag;
  names: Bag;
  dates: Bag;
}

interface Story {
  id: string;
  members: Member[];
  docs: number;
  first: number | null;
  last: number | null;
  /** Last update in arrival order. */
  tick: number;
  /** Sums of the articles' unit TF-IDF vectors, by bag (the terms the story is found by). */
  sums: Centroid;
  posted: Set<string>;
}

export interface StoryMatch {
  story: string;
  /** The winning score, 0 for a new story. */
  score: number;
  isNew: boolean;
}

/** A short stable id from a seed string: `st-` and 16 hex digits. */
export function storyId(seed: string): string {
  const a = fnv1a(seed).toString(16).padStart(8, '0');
  const b = fnv1a(seed, 0x9e3779b9).toString(16).padStart(8, '0');
  return `st-${a}${b}`;
}

const KINDS = ['words', 'names', 'dates'] as const;
/** ln(df + 0.5) for small document frequencies (most terms). */
const LOG_TABLE = Float64Array.from({ length: 4096 }, (_, d) => Math.log(d + 0.5));
/** Stories kept per term in the candidate index. */
const POSTINGS_CAP = 256;
const PREFIX = { words: 'w:', names: 'n:', dates: 't:' } as const;

export interface StoryClustererState {
  n: number;
  tick: number;
  latest: number | null;
  df: Array<[string, number]>;
  stories: Array<{
    id: string;
    docs: number;
    first: number | null;
    last: number | null;
    tick: number;
    words: Array<[string, number]>;
    names: Array<[string, number]>;
    dates: Array<[string, number]>;
    /** Recent articles' unit sub-vectors. */
    members: Array<Record<Part, Array<[string, number]>>>;
  }>;
}

export class StoryClusterer {
  readonly params: StoryParams;
  private n = 0;
  private tick = 0;
  private latest: number | null = null;
  /** Document frequencies per kind of term. */
  private readonly df = {
    words: new Map<string, number>(),
    names: new Map<string, number>(),
    dates: new Map<string, number>(),
  };
  /** Live stories, least recently updated first. */
  private readonly stories = new Map<string, Story>();
  private readonly postings = new Map<string, Set<Story>>();
  private readonly idfOf = (kind: (typeof KINDS)[number], t: string) => this.idf(this.df[kind], t);

  constructor(params: Partial<StoryParams> = {}) {
    this.params = { ...DEFAULT_STORY_PARAMS, ...params };
  }

  get size(): number {
    return this.stories.size;
  }

  /** ln(n + 1), refreshed as the stream grows. */
  private logN = 0;

  private idf(df: Map<string, number>, term: string): number {
    const d = df.get(term) ?? 0;
    const v = this.logN - (d < LOG_TABLE.length ? LOG_TABLE[d] : Math.log(d + 0.5));
    return Math.max(0, v);
  }

  /** Terms an article is found by: its names and dates, and its heaviest content words. */
  private keyTerms(f: StoryFeatures, m: Member): string[] {
    const keys: string[] = [];
    for (const t of f.names.keys()) keys.push(`n:${t}`);
    for (const t of f.dates.keys()) if (t.length > 4) keys.push(`t:${t}`);
    const top = [...m.words.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
    for (const [t] of top) keys.push(`w:${t}`);
    return keys;
  }

  /** The score of an article for a story: the mean of its `topK` best pair probabilities, and time proximity. */
  private storyScore(f: StoryFeatures, m: Member, s: Story, trace?: (story: string, x: number[]) => void): number {
    const p = this.params;
    const probs: number[] = [];
    for (const o of s.members) {
      const x = pairFeatures(m, o);
      trace?.(s.id, x);
      probs.push(pairProbability(x, p.weights, p.bias));
    }
    probs.sort((a, b) => b - a);
    const k = Math.min(probs.length, Math.max(1, p.topK));
    let sum = 0;
    for (let i = 0; i < k; i++) sum += probs[i];
    let time = 0;
    if (f.day !== null && s.last !== null && s.first !== null) {
      const gap = f.day < s.first ? s.first - f.day : f.day > s.last ? f.day - s.last : 0;
      time = Math.exp(-gap / p.timeScale);
    }
    return (k > 0 ? sum / k : 0) + p.time * time;
  }

  /** Score an article against the live stories, without changing anything. */
  private best(f: StoryFeatures, m: Member, keys: string[], trace?: (story: string, x: number[]) => void) {
    const hits = new Map<Story, number>();
    for (const k of keys) {
      const post = this.postings.get(k);
      if (!post) continue;
      for (const s of post) hits.set(s, (hits.get(s) ?? 0) + 1);
    }
    const candidates = [...hits.entries()]
      .sort((a, b) => b[1] - a[1] || b[0].tick - a[0].tick)
      .slice(0, this.params.maxCandidates);
    const p = this.params;
    let best: Story | null = null;
    let bestScore = -1;
    for (const [s] of candidates) {
      if (f.day !== null && s.last !== null && Math.abs(f.day - s.last) > p.windowDays) continue;
      const score = this.storyScore(f, m, s, trace);
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    return { best, score: bestScore };
  }

  /**
   * Thread an article into a story (its features counted in). `seed` names a new story
   * (the article id, so ids are stable for the same stream); `prefer` is a story the article
   * must join (a near-duplicate copy joins its original's story).
   */
  assign(
    f: StoryFeatures,
    seed: string,
    prefer?: string | null,
    trace?: (story: string, x: number[]) => void,
    force = false,
  ): StoryMatch {
    this.tick++;
    if (f.day !== null && (this.latest === null || f.day > this.latest)) this.latest = f.day;
    // document frequencies first: an article's own terms count in the stream it joins
    this.n++;
    this.logN = Math.log(this.n + 1);
    for (const kind of KINDS) for (const t of f[kind].keys()) this.df[kind].set(t, (this.df[kind].get(t) ?? 0) + 1);
    let story: Story | undefined;
    let score = 0;
    if (prefer) story = this.stories.get(prefer);
    const m = memberVectors(f, this.idfOf);
    const keys = this.keyTerms(f, m);
    if ((!story && !force) || trace) {
      const b = this.best(f, m, keys, trace);
      if (!story && b.best && b.score >= this.params.threshold) {
        story = b.best;
        score = b.score;
      }
    }
    let isNew = false;
    if (!story) {
      // forced (replaying a decision made elsewhere): the story of that id, made anew if retired
      let id = force && prefer ? prefer : storyId(seed);
      for (let k = 1; this.stories.has(id); k++) id = storyId(`${seed}#${k}`);
      story = {
        id,
        docs: 0,
        first: null,
        last: null,
        tick: 0,
        sums: { words: new Map(), names: new Map(), dates: new Map() },
        posted: new Set(),
        members: [],
      };
      isNew = true;
    }
    this.add(story, f, keys, m);
    this.retire();
    return { story: story.id, score, isNew };
  }

  /**
   * Count one more article in a live story without reading it (a near-duplicate copy of one of
   * its articles). False when the story has retired.
   */
  touch(id: string, day: number | null): boolean {
    const s = this.stories.get(id);
    if (!s) return false;
    this.tick++;
    s.docs++;
    s.tick = this.tick;
    if (day !== null) {
      if (this.latest === null || day > this.latest) this.latest = day;
      if (s.first === null || day < s.first) s.first = day;
      if (s.last === null || day > s.last) s.last = day;
    }
    this.stories.delete(id);
    this.stories.set(id, s);
    return true;
  }

  private add(s: Story, f: StoryFeatures, keys: string[], m: Member): void {
    s.docs++;
    s.members.push(m);
    if (s.members.length > this.params.maxMembers) s.members.shift();
    s.tick = this.tick;
    if (f.day !== null) {
      if (s.first === null || f.day < s.first) s.first = f.day;
      if (s.last === null || f.day > s.last) s.last = f.day;
    }
    const parts: Record<(typeof KINDS)[number], Part[]> = {
      words: ['words', 'lead', 'figs'],
      names: ['names'],
      dates: ['years', 'dates'],
    };
    for (const kind of KINDS) {
      const sums = s.sums[kind];
      for (const p of parts[kind]) for (const [t, w] of m[p]) sums.set(t, (sums.get(t) ?? 0) + w);
      if (sums.size > 2 * this.params.maxTerms) {
        const keep = [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, this.params.maxTerms);
        sums.clear();
        for (const [t, w] of keep) sums.set(t, w);
      }
    }
    // most recently updated last
    this.stories.delete(s.id);
    this.stories.set(s.id, s);
    for (const k of keys) {
      if (!s.posted.has(k) && s.posted.size >= this.params.maxTerms) continue;
      this.post(k, s);
    }
  }

  /** Index a story under a term; a common term keeps only the stories that used it last. */
  private post(k: string, s: Story): void {
    s.posted.add(k);
    let post = this.postings.get(k);
    if (!post) {
      post = new Set();
      this.postings.set(k, post);
    }
    post.delete(s);
    post.add(s);
    if (post.size > POSTINGS_CAP) {
      const oldest = post.values().next().value as Story;
      post.delete(oldest);
      oldest.posted.delete(k);
    }
  }

  private drop(s: Story): void {
    this.stories.delete(s.id);
    for (const k of s.posted) {
      const post = this.postings.get(k);
      post?.delete(s);
      if (post && post.size === 0) this.postings.delete(k);
    }
  }

  /** Retire the least recently active stories beyond the cap. */
  private retire(): void {
    for (const s of this.stories.values()) {
      if (this.stories.size <= this.params.maxStories) break;
      this.drop(s);
    }
    // document frequencies stay bounded too: forget terms seen once when the table grows
    for (const df of Object.values(this.df)) if (df.size > 300_000) for (const [t, n] of df) if (n <= 1) df.delete(t);
  }

  toJSON(): StoryClustererState {
    return {
      n: this.n,
      tick: this.tick,
      latest: this.latest,
      df: KINDS.flatMap((k) => [...this.df[k].entries()].map(([t, n]): [string, number] => [PREFIX[k] + t, n])),
      stories: [...this.stories.values()].map((s) => ({
        id: s.id,
        docs: s.docs,
        first: s.first,
        last: s.last,
        tick: s.tick,
        words: [...s.sums.words.entries()],
        names: [...s.sums.names.entries()],
        dates: [...s.sums.dates.entries()],
        members: s.members.map(
          (m) =>
            Object.fromEntries(PARTS.map((p) => [p, [...m[p].entries()]])) as Record<Part, Array<[string, number]>>,
        ),
      })),
    };
  }

  static fromJSON(state: StoryClustererState, params: Partial<StoryParams> = {}): StoryClusterer {
    const c = new StoryClusterer(params);
    c.n = state.n ?? 0;
    c.logN = Math.log(c.n + 1);
    c.tick = state.tick ?? 0;
    c.latest = state.latest ?? null;
    for (const [t, n] of state.df ?? []) {
      const kind = KINDS.find((k) => t.startsWith(PREFIX[k]));
      if (kind) c.df[kind].set(t.slice(2), n);
    }
    for (const r of state.stories ?? []) {
      const s: Story = {
        id: r.id,
        docs: r.docs,
        first: r.first,
        last: r.last,
        tick: r.tick,
        sums: { words: new Map(r.words), names: new Map(r.names), dates: new Map(r.dates) },
        posted: new Set(),
        members: (r.members ?? []).map((m) => Object.fromEntries(PARTS.map((p) => [p, new Map(m[p] ?? [])])) as Member),
      };
      c.stories.set(s.id, s);
      // re-post the centroid's heaviest terms
      const top = (bag: Bag, prefix: string, n: number, keep: (t: string) => boolean = () => true) =>
        [...bag.entries()]
          .filter(([t]) => keep(t))
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([t]) => prefix + t);
      for (const k of [
        ...top(s.sums.names, 'n:', 200),
        ...top(s.sums.dates, 't:', 50, (t) => t.length > 4),
        ...top(s.sums.words, 'w:', 150, (t) => t.charCodeAt(0) !== 94 && t.charCodeAt(0) !== 35),
      ]) {
        c.post(k, s);
      }
    }
    return c;
  }
}
