// Step 2: online story clustering, after Miranda et al. (2018), "Multilingual Clustering of
// Streaming News" (EMNLP): each arriving article is compared with the centroids of the live
// stories that share a term with it (a centroid sums its articles' unit TF-IDF vectors), on
// several cosine similarities (content words, names, dates spoken of) and its distance in
// time; a weighted sum of these decides: the best story if the score reaches the threshold,
// else a new story. Document frequencies grow with the
// stream. Only stories whose dates come within a time window of the article's are joined; the
// least recently active beyond a cap retire, postings per term keep the most recent stories,
// and centroids keep their heaviest terms, so work and memory per article stay bounded.
import { fnv1a } from '../dedup/01-normalize.js';
import type { Bag, StoryFeatures } from './01-features.js';

export interface StoryParams {
  /** Weights of the cosine similarities of content words, names and dates. */
  words: number;
  names: number;
  dates: number;
  /**
   * The value of the names or dates similarity when the article or the story has none of them:
   * between a clash (0) and a match (1), so that two events of one kind with different names or
   * years score below an article that says nothing about them.
   */
  absent: number;
  /** Share of the best-member cosines in the words, names and dates similarities (the rest: the centroid's). */
  member: number;
  /** Weight of the best-member cosine of figures (tolls, sums, magnitudes). */
  figures: number;
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
  /** Recent articles kept per story for the best-member similarities. */
  maxMembers: number;
}

export const DEFAULT_STORY_PARAMS: StoryParams = {
  words: 0.5,
  names: 0.35,
  dates: 0.15,
  absent: 0,
  member: 0,
  figures: 0,
  time: 0.1,
  timeScale: 3,
  threshold: 0.3,
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

type Vec = { v: Map<string, number>; norm: number };
type Weighed = Record<(typeof KINDS)[number], Vec>;
/** One article of a story: its unit TF-IDF vectors (terms with weights over norm). */
type Member = Record<(typeof KINDS)[number] | 'figs', Map<string, number>>;

/** A vector scaled to unit length. */
function unit(x: Vec): Map<string, number> {
  const out = new Map<string, number>();
  if (x.norm > 0) for (const [t, w] of x.v) out.set(t, w / x.norm);
  return out;
}

/** The figures (`#` terms) of a word vector, as a vector of their own. */
function figures(words: Vec): Vec {
  const v = new Map<string, number>();
  let s = 0;
  for (const [t, w] of words.v)
    if (t.charCodeAt(0) === 35) {
      v.set(t, w);
      s += w * w;
    }
  return { v, norm: Math.sqrt(s) };
}

interface Story {
  id: string;
  members: Member[];
  docs: number;
  first: number | null;
  last: number | null;
  /** Last update in arrival order. */
  tick: number;
  sums: Centroid;
  /** Cached norms of the centroid (-1: to compute). */
  norms: Record<'words' | 'names' | 'dates', number>;
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
    /** Recent articles' unit vectors (absent in states saved before they were kept). */
    members?: Array<Record<(typeof KINDS)[number] | 'figs', Array<[string, number]>>>;
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

  /** The TF-IDF vector of a bag ((1 + ln tf) x idf), with its norm. */
  private weigh(bag: Bag, kind: (typeof KINDS)[number]): { v: Map<string, number>; norm: number } {
    const v = new Map<string, number>();
    let s = 0;
    const df = this.df[kind];
    for (const [t, tf] of bag) {
      const w = (1 + Math.log(tf)) * this.idf(df, t);
      if (w <= 0) continue;
      v.set(t, w);
      s += w * w;
    }
    return { v, norm: Math.sqrt(s) };
  }

  /**
   * Cosine of an article's vector with a story centroid (the sum of its articles' unit TF-IDF
   * vectors, IDF as of each one's arrival). The centroid's norm is cached until the story changes.
   */
  private cosine(doc: { v: Map<string, number>; norm: number }, s: Story, kind: (typeof KINDS)[number]): number {
    const bag = s.sums[kind];
    if (doc.norm === 0 || bag.size === 0) return 0;
    let norm = s.norms[kind];
    if (norm < 0) {
      for (const k of KINDS) {
        let sq = 0;
        for (const w of s.sums[k].values()) sq += w * w;
        s.norms[k] = Math.sqrt(sq);
      }
      norm = s.norms[kind];
    }
    if (norm === 0) return 0;
    let dot = 0;
    for (const [t, d] of doc.v) {
      const w = bag.get(t);
      if (w) dot += d * w;
    }
    return dot / (doc.norm * norm);
  }

  /** Terms an article is found by: its names and dates, and its heaviest content words. */
  private keyTerms(f: StoryFeatures, words: Map<string, number>): string[] {
    const keys: string[] = [];
    for (const t of f.names.keys()) keys.push(`n:${t}`);
    for (const t of f.dates.keys()) if (t.length > 4) keys.push(`t:${t}`);
    const top = [...words.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
    for (const [t] of top) keys.push(`w:${t}`);
    return keys;
  }

  /** Cosine of an article's vector with a member's unit vector. */
  private static memberCos(doc: Vec, m: Map<string, number>): number {
    if (doc.norm === 0 || m.size === 0) return 0;
    let dot = 0;
    for (const [t, d] of doc.v) {
      const w = m.get(t);
      if (w) dot += d * w;
    }
    return dot / doc.norm;
  }

  /**
   * The features of an article and a story: centroid cosines of words, names and dates; best
   * member cosines of the same; names absent; dates absent; figures best member cosine; time proximity.
   */
  private pairFeatures(f: StoryFeatures, weighed: Weighed, figs: Vec, s: Story): number[] {
    const namesAbsent = weighed.names.v.size === 0 || s.sums.names.size === 0 ? 1 : 0;
    const datesAbsent = weighed.dates.v.size === 0 || s.sums.dates.size === 0 ? 1 : 0;
    let mw = 0;
    let mn = 0;
    let md = 0;
    let mf = 0;
    for (const m of s.members) {
      mw = Math.max(mw, StoryClusterer.memberCos(weighed.words, m.words));
      mn = Math.max(mn, StoryClusterer.memberCos(weighed.names, m.names));
      md = Math.max(md, StoryClusterer.memberCos(weighed.dates, m.dates));
      mf = Math.max(mf, StoryClusterer.memberCos(figs, m.figs));
    }
    let time = 0;
    if (f.day !== null && s.last !== null && s.first !== null) {
      const gap = f.day < s.first ? s.first - f.day : f.day > s.last ? f.day - s.last : 0;
      time = Math.exp(-gap / this.params.timeScale);
    }
    return [
      this.cosine(weighed.words, s, 'words'),
      namesAbsent ? 0 : this.cosine(weighed.names, s, 'names'),
      datesAbsent ? 0 : this.cosine(weighed.dates, s, 'dates'),
      mw,
      mn,
      md,
      namesAbsent,
      datesAbsent,
      mf,
      time,
    ];
  }

  /** The score of a pair from its features: their weighted sum. */
  private pairScore(x: number[]): number {
    const p = this.params;
    const a = p.member;
    return (
      p.words * ((1 - a) * x[0] + a * x[3]) +
      p.names * (x[6] ? p.absent : (1 - a) * x[1] + a * x[4]) +
      p.dates * (x[7] ? p.absent : (1 - a) * x[2] + a * x[5]) +
      p.figures * x[8] +
      p.time * x[9]
    );
  }

  /** Score an article against the live stories, without changing anything. */
  private best(
    f: StoryFeatures,
    weighed: Weighed,
    figs: Vec,
    keys: string[],
    trace?: (story: string, x: number[]) => void,
  ) {
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
      const x = this.pairFeatures(f, weighed, figs, s);
      trace?.(s.id, x);
      const score = this.pairScore(x);
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
    const weighed = {
      words: this.weigh(f.words, 'words'),
      names: this.weigh(f.names, 'names'),
      dates: this.weigh(f.dates, 'dates'),
    };
    const keys = this.keyTerms(f, weighed.words.v);
    const figs = figures(weighed.words);
    if ((!story && !force) || trace) {
      const b = this.best(f, weighed, figs, keys, trace);
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
        norms: { words: -1, names: -1, dates: -1 },
        posted: new Set(),
        members: [],
      };
      isNew = true;
    }
    this.add(story, f, keys, weighed, figs);
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

  private add(s: Story, f: StoryFeatures, keys: string[], weighed: Weighed, figs: Vec): void {
    s.docs++;
    s.members.push({
      words: unit(weighed.words),
      names: unit(weighed.names),
      dates: unit(weighed.dates),
      figs: unit(figs),
    });
    if (s.members.length > this.params.maxMembers) s.members.shift();
    s.norms = { words: -1, names: -1, dates: -1 };
    s.tick = this.tick;
    if (f.day !== null) {
      if (s.first === null || f.day < s.first) s.first = f.day;
      if (s.last === null || f.day > s.last) s.last = f.day;
    }
    for (const kind of KINDS) {
      const sums = s.sums[kind];
      // each article counts once: its unit TF-IDF vector (IDF as of its arrival)
      const { v, norm } = weighed[kind];
      if (norm > 0) for (const [t, w] of v) sums.set(t, (sums.get(t) ?? 0) + w / norm);
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
        members: s.members.map((m) => ({
          words: [...m.words.entries()],
          names: [...m.names.entries()],
          dates: [...m.dates.entries()],
          figs: [...m.figs.entries()],
        })),
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
        norms: { words: -1, names: -1, dates: -1 },
        posted: new Set(),
        members: (r.members ?? []).map((m) => ({
          words: new Map(m.words),
          names: new Map(m.names),
          dates: new Map(m.dates),
          figs: new Map(m.figs),
        })),
      };
      c.stories.set(s.id, s);
      // re-post the centroid's heaviest terms
      const top = (bag: Bag, prefix: string, n: number) =>
        [...bag.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, n)
          .map(([t]) => prefix + t);
      for (const k of [
        ...top(s.sums.names, 'n:', 200),
        ...top(s.sums.dates, 't:', 50),
        ...top(s.sums.words, 'w:', 150),
      ]) {
        c.post(k, s);
      }
    }
    return c;
  }
}
