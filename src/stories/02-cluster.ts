// Step 2: online story clustering, after Miranda et al. (2018), "Multilingual Clustering of
// Streaming News" (EMNLP): each arriving article is compared with the centroids of the live
// stories that share a term with it, on several TF-IDF similarities (content words, names,
// dates spoken of) and its distance in time; a weighted sum of these decides: the best story
// if the score reaches the threshold, else a new story. Document frequencies grow with the
// stream. Stories older than a time window (and the least recently active beyond a cap) retire,
// so work and memory per article stay bounded.
import { fnv1a } from '../dedup/01-normalize.js';
import type { Bag, StoryFeatures } from './01-features.js';

export interface StoryParams {
  /** Weights of the cosine similarities of content words, names and dates. */
  words: number;
  names: number;
  dates: number;
  /** Weight of time proximity exp(-days / timeScale) (both dated only). */
  time: number;
  timeScale: number;
  /** Least score to join a story. */
  threshold: number;
  /** Stories not updated for this many days (after the newest article) retire. */
  windowDays: number;
  /** Most live stories. */
  maxStories: number;
  /** Stories scored per article (those sharing most terms with it). */
  maxCandidates: number;
  /** Terms kept per centroid bag. */
  maxTerms: number;
}

export const DEFAULT_STORY_PARAMS: StoryParams = {
  words: 0.5,
  names: 0.35,
  dates: 0.15,
  time: 0.1,
  timeScale: 3,
  threshold: 0.3,
  windowDays: 14,
  maxStories: 20_000,
  maxCandidates: 40,
  maxTerms: 400,
};

interface Centroid {
  words: Bag;
  names: Bag;
  dates: Bag;
}

interface Story {
  id: string;
  docs: number;
  first: number | null;
  last: number | null;
  /** Last update in arrival order. */
  tick: number;
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
  }>;
}

export class StoryClusterer {
  readonly params: StoryParams;
  private n = 0;
  private tick = 0;
  private latest: number | null = null;
  private readonly df = new Map<string, number>();
  /** Live stories, least recently updated first. */
  private readonly stories = new Map<string, Story>();
  private readonly postings = new Map<string, Set<Story>>();

  constructor(params: Partial<StoryParams> = {}) {
    this.params = { ...DEFAULT_STORY_PARAMS, ...params };
  }

  get size(): number {
    return this.stories.size;
  }

  private idf(term: string): number {
    const df = this.df.get(term) ?? 0;
    return Math.max(0, Math.log((this.n + 1) / (df + 0.5)));
  }

  /** The TF-IDF vector of a bag ((1 + ln tf) x idf), with its norm. */
  private weigh(bag: Bag, kind: (typeof KINDS)[number]): { v: Map<string, number>; norm: number } {
    const v = new Map<string, number>();
    let s = 0;
    const p = PREFIX[kind];
    for (const [t, tf] of bag) {
      const w = (1 + Math.log(tf)) * this.idf(p + t);
      if (w <= 0) continue;
      v.set(t, w);
      s += w * w;
    }
    return { v, norm: Math.sqrt(s) };
  }

  private cosine(doc: { v: Map<string, number>; norm: number }, bag: Bag, kind: (typeof KINDS)[number]): number {
    if (doc.norm === 0 || bag.size === 0) return 0;
    const p = PREFIX[kind];
    let dot = 0;
    let s = 0;
    for (const [t, sum] of bag) {
      const w = sum * this.idf(p + t);
      s += w * w;
      const d = doc.v.get(t);
      if (d) dot += d * w;
    }
    return s > 0 ? dot / (doc.norm * Math.sqrt(s)) : 0;
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

  /** Score an article against the live stories, without changing anything. */
  private best(f: StoryFeatures, weighed: Record<(typeof KINDS)[number], { v: Map<string, number>; norm: number }>) {
    const keys = this.keyTerms(f, weighed.words.v);
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
      let score =
        p.words * this.cosine(weighed.words, s.sums.words, 'words') +
        p.names * this.cosine(weighed.names, s.sums.names, 'names') +
        p.dates * this.cosine(weighed.dates, s.sums.dates, 'dates');
      if (f.day !== null && s.last !== null && s.first !== null) {
        const gap = f.day < s.first ? s.first - f.day : f.day > s.last ? f.day - s.last : 0;
        score += p.time * Math.exp(-gap / p.timeScale);
      }
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
  assign(f: StoryFeatures, seed: string, prefer?: string | null): StoryMatch {
    this.tick++;
    if (f.day !== null && (this.latest === null || f.day > this.latest)) this.latest = f.day;
    // document frequencies first: an article's own terms count in the stream it joins
    this.n++;
    for (const kind of KINDS)
      for (const t of f[kind].keys()) this.df.set(PREFIX[kind] + t, (this.df.get(PREFIX[kind] + t) ?? 0) + 1);
    let story: Story | undefined;
    let score = 0;
    if (prefer) story = this.stories.get(prefer);
    if (!story) {
      const weighed = {
        words: this.weigh(f.words, 'words'),
        names: this.weigh(f.names, 'names'),
        dates: this.weigh(f.dates, 'dates'),
      };
      const b = this.best(f, weighed);
      if (b.best && b.score >= this.params.threshold) {
        story = b.best;
        score = b.score;
      }
    }
    let isNew = false;
    if (!story) {
      let id = storyId(seed);
      for (let k = 1; this.stories.has(id); k++) id = storyId(`${seed}#${k}`);
      story = {
        id,
        docs: 0,
        first: null,
        last: null,
        tick: 0,
        sums: { words: new Map(), names: new Map(), dates: new Map() },
        posted: new Set(),
      };
      isNew = true;
    }
    this.add(story, f);
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

  private add(s: Story, f: StoryFeatures): void {
    s.docs++;
    s.tick = this.tick;
    if (f.day !== null) {
      if (s.first === null || f.day < s.first) s.first = f.day;
      if (s.last === null || f.day > s.last) s.last = f.day;
    }
    for (const kind of KINDS) {
      const sums = s.sums[kind];
      for (const [t, tf] of f[kind]) sums.set(t, (sums.get(t) ?? 0) + 1 + Math.log(tf));
      if (sums.size > 2 * this.params.maxTerms) {
        const keep = [...sums.entries()].sort((a, b) => b[1] - a[1]).slice(0, this.params.maxTerms);
        sums.clear();
        for (const [t, w] of keep) sums.set(t, w);
      }
    }
    // most recently updated last
    this.stories.delete(s.id);
    this.stories.set(s.id, s);
    const weighed = this.weigh(f.words, 'words');
    for (const k of this.keyTerms(f, weighed.v)) {
      if (s.posted.has(k) || s.posted.size >= this.params.maxTerms) continue;
      s.posted.add(k);
      let post = this.postings.get(k);
      if (!post) {
        post = new Set();
        this.postings.set(k, post);
      }
      post.add(s);
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

  /** Retire stories past the window (after the newest day) and the least recent beyond the cap. */
  private retire(): void {
    const p = this.params;
    for (const s of this.stories.values()) {
      const old = this.latest !== null && s.last !== null && s.last < this.latest - p.windowDays;
      if (!old && this.stories.size <= p.maxStories) break;
      this.drop(s);
    }
    // document frequencies stay bounded too: forget terms seen once when the table grows
    if (this.df.size > 500_000) for (const [t, n] of this.df) if (n <= 1) this.df.delete(t);
  }

  toJSON(): StoryClustererState {
    return {
      n: this.n,
      tick: this.tick,
      latest: this.latest,
      df: [...this.df.entries()],
      stories: [...this.stories.values()].map((s) => ({
        id: s.id,
        docs: s.docs,
        first: s.first,
        last: s.last,
        tick: s.tick,
        words: [...s.sums.words.entries()],
        names: [...s.sums.names.entries()],
        dates: [...s.sums.dates.entries()],
      })),
    };
  }

  static fromJSON(state: StoryClustererState, params: Partial<StoryParams> = {}): StoryClusterer {
    const c = new StoryClusterer(params);
    c.n = state.n ?? 0;
    c.tick = state.tick ?? 0;
    c.latest = state.latest ?? null;
    for (const [t, n] of state.df ?? []) c.df.set(t, n);
    for (const r of state.stories ?? []) {
      const s: Story = {
        id: r.id,
        docs: r.docs,
        first: r.first,
        last: r.last,
        tick: r.tick,
        sums: { words: new Map(r.words), names: new Map(r.names), dates: new Map(r.dates) },
        posted: new Set(),
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
        s.posted.add(k);
        let post = c.postings.get(k);
        if (!post) {
          post = new Set();
          c.postings.set(k, post);
        }
        post.add(s);
      }
    }
    return c;
  }
}
