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

/** The actor with a mention whose text is exactly `surface` (the n-th such mention). */
export function actorByMention(actors: Actor[], text: string, surface: string, nth = 0): Actor | undefined {
  let seen = 0;
  let from = 0;
  const starts: number[] = [];
  for (;;) {
    const at = text.indexOf(surface, from);
    if (at < 0) break;
    starts.push(at);
    from = at + 1;
  }
  const target = starts[nth];
  if (target === undefined) return undefined;
  for (const a of actors)
    for (const m of a.mentions)
      if (m.start === target && m.end === target + surface.length) {
        seen++;
        return a;
      }
  void seen;
  return undefined;
}

export function named(actors: Actor[], name: string): Actor | undefined {
  return actors.find((a) => a.name === name);
}
