// Step 3: what the ingester asks for each coded document, in arrival order: is it a
// near-duplicate copy of an earlier one (then it joins that document's group and story), else
// which story does it continue (or start). Both indexes are bounded in time; their state is
// saved in the store under one name so the next ingest continues the same groups and stories.
import { textSignature } from '../dedup/02-minhash.js';
import {
  dayNumber,
  NearDuplicateIndex,
  type NearDuplicateOptions,
  type NearDuplicateState,
} from '../dedup/03-index.js';
import type { CodedDocument } from '../doc/types.js';
import type { DocumentLinks, Store } from '../store/types.js';
import { storyFeatures } from './01-features.js';
import { StoryClusterer, type StoryClustererState, type StoryParams } from './02-cluster.js';
import { storyParams } from './params.js';

/** The name the assigner's state is saved under (bump the suffix when its format changes). */
export const ASSIGNER_STATE = 'stories-v1';

export interface AssignerOptions {
  dedup?: Partial<NearDuplicateOptions>;
  stories?: Partial<StoryParams>;
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
    this.assigned++;
    const day = dayNumber(doc.date);
    const sig = textSignature(doc.title ? `${doc.title}\n${doc.text}` : doc.text);
    if (sig) {
      const m = this.dedup.match(sig, day, doc.id);
      if (m?.tag && this.clusterer.touch(m.tag, day)) {
        this.dedup.add(doc.id, sig, day, m.group, m.tag);
        return { duplicateOf: m.group, story: m.tag };
      }
      const story = this.clusterer.assign(storyFeatures(doc, dayNumber), doc.id, m?.tag).story;
      this.dedup.add(doc.id, sig, day, m?.group ?? doc.id, story);
      return { duplicateOf: m ? m.group : null, story };
    }
    // no words at all: no group, no story
    return { duplicateOf: null, story: null };
  }

  serialize(): string {
    const state: SavedState = { version: 1, dedup: this.dedup.toJSON(), stories: this.clusterer.toJSON() };
    return JSON.stringify(state);
  }
}
