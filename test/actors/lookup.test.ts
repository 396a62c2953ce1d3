import { describe, expect, it } from 'vitest';
import { actorAt, actorIndex, findActors } from '../../src/actors/index.js';
import { withLayers } from '../../src/doc/doc.js';
import { actorResources, textDoc } from './helpers.js';

const text = 'Peru and Chile met. Chilean envoy Rosa Campos Vera said Peru was ready.';
const doc = () => {
  const d = textDoc(text, '2012-03-01');
  return withLayers(d, ['actors'], { actors: findActors(d, actorResources()) });
};
const span = (s: string, from = 0): [number, number] => {
  const i = text.indexOf(s, from);
  return [i, i + s.length];
};

describe('actorAt', () => {
  it('finds the actor whose mention best covers a span', () => {
    const d = doc();
    expect(actorAt(d, ...span('Peru'))?.actor.name).toBe('Peru');
    expect(actorAt(d, ...span('Chile'))?.actor.name).toBe('Chile');
    expect(actorAt(d, ...span('Peru and Chile'))?.actor.kind).toBe('group');
    // the name, the title or the whole phrase all find the person
    for (const s of ['Rosa Campos Vera', 'envoy', 'Chilean envoy Rosa Campos Vera', 'Campos'])
      expect(actorAt(d, ...span(s))?.actor.name, s).toBe('Rosa Campos Vera');
    const hit = actorAt(d, ...span('Peru', 20))!;
    expect(hit.actor.name).toBe('Peru');
    expect(hit.mention.start).toBe(span('Peru', 20)[0]);
  });
  it('returns null where no actor is mentioned, and handles empty spans', () => {
    const d = doc();
    expect(actorAt(d, ...span('met'))).toBeNull();
    expect(actorAt(d, ...span('ready'))).toBeNull();
    expect(actorAt(d, span('Peru')[0], span('Peru')[0])?.actor.name).toBe('Peru');
    expect(actorAt(withLayers(textDoc(''), ['actors'], { actors: [] }), 0, 5)).toBeNull();
  });
  it('builds the index once per document', () => {
    const d = doc();
    expect(actorIndex(d)).toBe(actorIndex(d));
    expect(actorIndex(d).items.length).toBe(d.actors.reduce((n, a) => n + a.mentions.length, 0));
  });
});
