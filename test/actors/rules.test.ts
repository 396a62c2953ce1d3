// Coreference and coding rules that read the parse and the entities layer (full pipeline), on
// texts written for these tests.
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/doc/types.js';
import { createPipeline } from '../../src/pipeline/presets.js';
import { actorByMention } from './helpers.js';

let pipeline: ReturnType<typeof createPipeline> | null = null;

/** The actor with a mention at the n-th whole-word occurrence of `word`. */
function actorOfWord(actors: Actor[], text: string, word: string, nth: number): Actor | undefined {
  const at = [...text.matchAll(new RegExp(`\\b${word}\\b`, 'g'))][nth]?.index ?? -1;
  return actors.find((a) => a.mentions.some((m) => m.start === at && m.end === at + word.length));
}

function actorsFull(text: string, date = '2012-03-01'): Actor[] {
  pipeline ??= createPipeline('full');
  return [...pipeline.run({ text, date }).actors];
}

describe('pronouns', () => {
  it('"he said" after a quotation is the subject of the clause before it, even a name part of it', () => {
    const t =
      'Chilean Foreign Minister Pedro Rojas met Peruvian envoy Luis Castro in Lima. Rojas said the talks went well, and he praised the hosts. Peruvian envoy Luis Castro was more cautious. "We still have work to do," he said of the border.';
    const actors = actorsFull(t);
    const castro = actorByMention(actors, t, 'Luis Castro')!;
    expect(castro.code).toBe('PERGOV');
    expect(actorOfWord(actors, t, 'he', 1)?.id).toBe(castro.id);
    expect(actorOfWord(actors, t, 'he', 0)?.id).toBe(actorByMention(actors, t, 'Rojas', 1)?.id);
  });
  it('"it" is the nearest fitting country before it in its sentence', () => {
    const t = "Germany's government imposed sanctions on Iran after it tested a missile.";
    const actors = actorsFull(t);
    const iran = actorByMention(actors, t, 'Iran')!;
    expect(iran.code).toBe('IRN');
    expect(actorOfWord(actors, t, 'it', 0)?.id).toBe(iran.id);
  });
});

describe('demonyms', () => {
  it('a nationality word before a common noun makes no actor', () => {
    const t = 'Japan once ruled the Korean peninsula, and Chinese officials criticised the Kurdish language ban.';
    const actors = actorsFull(t);
    expect(actors.map((a) => a.name)).not.toContain('Korean');
    expect(actors.map((a) => a.name)).not.toContain('Kurdish');
    expect(actorByMention(actors, t, 'Chinese officials')?.code).toBe('CHNGOV');
  });
  it('a number of people of a nationality are civilians', () => {
    const t = 'Pirates kidnapped 13 Japanese and two Americans off the coast.';
    const actors = actorsFull(t);
    expect(actorByMention(actors, t, '13 Japanese')?.code).toBe('JPNCVL');
    expect(actorByMention(actors, t, 'two Americans')?.code).toBe('USACVL');
  });
});
