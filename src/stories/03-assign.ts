// Step 3: what the ingester asks for each coded document, in arrival order: is it a
// near-duplicate copy of an earlier one (then it joins that document's group and story), else
// which story does it continue (or start). Both indexes are bounded in time; their state is
// saved in the store under one name so the next ingest continues the same groups and stories.
import { documentSignature, type TextSignature } from '../dedup/02-minhash.js';
import {
  dayNumber,
  NearDuplicateIndex,
  type NearDuplicateOptions,
  type NearDuplicateState,
} from '../dedup/03-index.js';
import type { CodedDocument } from '../doc/types.js';
import type { DocumentLinks, Store } from '../store/types.js';
import { type StoryFeatures, type StoryInputs, storyFeatures, storyFeaturesOf } from './01-features.js';
import { StoryClusterer, type StoryClustererState, type StoryParams } from './02-cluster.js';
import { storyParams } from './params.js';

/** The name the assigner's state is saved under (bump the suffix when its format changes). */
export const ASSIGNER_STATE = 'stories-v1';

export interface AssignerOptions {
  dedup?: Partial<NearDuplicateOptions>;
  stories?: Partial<StoryParams>;
}

/** One decision of an assigner, as `replay` applies it: a copy (no features) or a threaded article. */
export interface AssignLogEntry {
  id: string;
  day: number | null;
  /** MinHash signature (base64 of its 32-bit words) and shingle count. */
  sig: string;
  size: number;
  group: string;
  story: string;
  features: {
    words: Array<[string, number]>;
    names: Array<[string, number]>;
    dates: Array<[string, number]>;
    day: number | null;
  } | null;
}

interface SavedState {
  version: 1;
  dedup: NearDuplicateState;
  stories: StoryClustererState;
}

export class StoryAssigner {
  private readonly dedup: NearDuplicateIndex;
  private readonly clusterer: StoryClusterer;
  private assigned = 0;

  constructor(state: string | null = null, options: AssignerOptions = {}) {
    const stories = { ...storyParams(), ...options.stories };
    let saved: SavedState | null = null;
    if (state) {
      try {
        const parsed = JSON.parse(state) as SavedState;
        if (parsed?.version === 1) saved = parsed;
      } catch {
        // a damaged state starts afresh: grouping continues, without the history
      }
    }
    this.dedup = saved
      ? NearDuplicateIndex.fromJSON(saved.dedup, options.dedup)
      : new NearDuplicateIndex(options.dedup);
    this.clusterer = saved ? StoryClusterer.fromJSON(saved.stories, stories) : new StoryClusterer(stories);
  }

  /** An assigner continuing the state saved in a store. */
  static async open(store: Store, options: AssignerOptions = {}): Promise<StoryAssigner> {
    return new StoryAssigner(await store.loadIndexState(ASSIGNER_STATE), options);
  }

  async save(store: Store): Promise<void> {
    await store.saveIndexState(ASSIGNER_STATE, this.serialize());
  }

  /** Documents assigned since this assigner was made. */
  get count(): number {
    return this.assigned;
  }

  /** Group and story of the next document of the stream. */
  assign(doc: CodedDocument): DocumentLinks {
    return this.decide(doc.id, doc.date, documentSignature(doc), () => storyFeatures(doc, dayNumber), false).links;
  }

  /**
   * Group and story of the next document, with the record of the decision that `replay` applies
   * to another assigner (at the same point of the stream) to bring it to the same state: how
   * workers sharing one store keep their assigners in step (src/queue/stories.ts).
   */
  assignLogged(doc: CodedDocument): { links: DocumentLinks; entry: AssignLogEntry | null } {
    return this.decide(doc.id, doc.date, documentSignature(doc), () => storyFeatures(doc, dayNumber), true);
  }

  /**
   * `assign` of a document whose signature and story inputs were computed beforehand (by a
   * coding worker, src/store/prepared.ts): the same decision, without the coded document. The
   * features are computed here, and only for a document that is no copy.
   */
  assignPrepared(
    doc: { id: string; text: string; title: string | null; date: string | null },
    sig: TextSignature | null,
    inputs: StoryInputs | null,
  ): DocumentLinks {
    return this.decide(doc.id, doc.date, sig, () => storyFeaturesOf(doc, inputs!, dayNumber), false).links;
  }

  /** `assignLogged` of a prepared document (signature and story inputs computed beforehand). */
  assignPreparedLogged(
    doc: { id: string; text: string; title: string | null; date: string | null },
    sig: TextSignature | null,
    inputs: StoryInputs | null,
  ): { links: DocumentLinks; entry: AssignLogEntry | null } {
    return this.decide(doc.id, doc.date, sig, () => storyFeaturesOf(doc, inputs!, dayNumber), true);
  }

  private decide(
    id: string,
    date: string | null,
    sig: TextSignature | null,
    featuresOf: () => StoryFeatures,
    log: boolean,
  ): { links: DocumentLinks; entry: AssignLogEntry | null } {
    const doc = { id };
    this.assigned++;
    const day = dayNumber(date);
    if (!sig) return { links: { duplicateOf: null, story: null }, entry: null }; // no words: no group, no story
    // the log entry only when asked for (it copies the signature and the features)
    const base = () => ({
      id: doc.id,
      day,
      size: sig.size,
      sig: Buffer.from(sig.sig.buffer, sig.sig.byteOffset, sig.sig.byteLength).toString('base64'),
    });
    const m = this.dedup.match(sig, day, doc.id);
    if (m?.tag && this.clusterer.touch(m.tag, day)) {
      this.dedup.add(doc.id, sig, day, m.group, m.tag);
      return {
        links: { duplicateOf: m.group, story: m.tag },
        entry: log ? { ...base(), group: m.group, story: m.tag, features: null } : null,
      };
    }
    const features = featuresOf();
    const story = this.clusterer.assign(features, doc.id, m?.tag).story;
    const group = m?.group ?? doc.id;
    this.dedup.add(doc.id, sig, day, group, story);
    if (!log) return { links: { duplicateOf: m ? m.group : null, story }, entry: null };
    return {
      links: { duplicateOf: m ? m.group : null, story },
      entry: {
        ...base(),
        group,
        story,
        features: {
          words: [...features.words],
          names: [...features.names],
          dates: [...features.dates],
          day: features.day,
        },
      },
    };
  }

  /** Apply a decision another assigner logged (`assignLogged`), without deciding anew. */
  replay(e: AssignLogEntry): void {
    this.assigned++;
    const buf = Buffer.from(e.sig, 'base64');
    const sig = {
      sig: new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)),
      size: e.size,
    };
    if (e.features) {
      const f = e.features;
      this.clusterer.assign(
        { words: new Map(f.words), names: new Map(f.names), dates: new Map(f.dates), day: f.day },
        e.id,
        e.story,
        undefined,
        true,
      );
    } else if (!this.clusterer.touch(e.story, e.day)) {
      // the story retired here but not where it was decided: nothing to count it in
    }
    this.dedup.add(e.id, sig, e.day, e.group, e.story);
  }

  serialize(): string {
    const state: SavedState = { version: 1, dedup: this.dedup.toJSON(), stories: this.clusterer.toJSON() };
    return JSON.stringify(state);
  }
}
