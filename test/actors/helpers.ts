// Shared set-up of the actor tests: resources loaded once, a document run through the text
// stage and the actors stage, and look-ups by surface text.
import { type ActorResources, findActors, loadActorResources } from '../../src/actors/index.js';
import { createDoc, type Doc, type ExplainNote } from '../../src/doc/doc.js';
import type { Actor } from '../../src/doc/types.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { textStage } from '../../src/text/index.js';

let resources: ActorResources | null = null;
let textResources: ReturnType<typeof textStage.load> | null = null;

export function actorResources(): ActorResources {
  resources ??= loadActorResources(defaultDataDir());
  return resources;
}

export function textDoc(text: string, date: string | null = null): Doc {
  textResources ??= textStage.load({ dataDir: defaultDataDir() });
  return textStage.run(createDoc({ text, date }), textResources, { explain: false });
}

export function actorsOf(text: string, date: string | null = null, notes?: ExplainNote[]): Actor[] {
  return findActors(textDoc(text, date), actorResources(), notes);
}

/** The actor with a mention exactly at the n-th occurrence of `surface` in `text`. */
export function actorByMention(actors: Actor[], text: string, surface: string, nth = 0): Actor | undefined {
  let at = -1;
  for (let k = 0; k <= nth; k++) {
    at = text.indexOf(surface, at + 1);
    if (at < 0) return undefined;
  }
  return actors.find((a) => a.mentions.some((m) => m.start === at && m.end === at + surface.length));
}

export function named(actors: Actor[], name: string): Actor | undefined {
  return actors.find((a) => a.name === name);
}
