// The reference article (2007-09-06): seven direct quotes by four officials, one via NHK,
// places of statement, and the indirect statements around them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasShared, REFERENCE } from '../shared.js';
import { codeText, speakerText } from './helpers.js';

const present = hasShared('examples/japan-north-korea-talks.txt');

describe.skipIf(!present)('reference article', () => {
  const text = present ? readFileSync(REFERENCE(), 'utf8') : '';
  const doc = present ? codeText(text, '2007-09-06') : null;
  const quotes = doc?.quotes ?? [];
  const actorName = (id: string | null | undefined) => doc?.actors.find((a) => a.id === id)?.name ?? null;

  it('finds the seven direct quotes with their speakers', () => {
    const direct = quotes.filter((q) => q.kind === 'direct');
    const expected: Array<[string, string]> = [
      ['We have taken the position', 'Kim Chul Ho'],
      ['There remains a gap', 'Kim Chul Ho'],
      ['Currently, relations', 'Kim Chul Ho'],
      ['Through the two-day talks', 'Yoshiki Mine'],
      ['I think there was a certain progress', 'Yoshiki Mine'],
      ["I can't help but say", 'Nobutaka Machimura'],
      ['Unless we make progress', 'Shinzo Abe'],
    ];
    expect(direct).toHaveLength(7);
    for (const [i, [start, who]] of expected.entries()) {
      expect(direct[i].text.startsWith(start), direct[i].text).toBe(true);
      expect(actorName(direct[i].speaker?.actor), start).toBe(who);
      expect(direct[i].cue?.text).toBe('said');
    }
    // Machimura's quote runs over two sentences
    expect(direct[5].text).toContain('right now');
    // content excludes the cue and the speaker
    for (const q of direct) expect(q.text).not.toMatch(/\bhe said\b/);
  });

  it('gives the channel and the places of statement', () => {
    const direct = quotes.filter((q) => q.kind === 'direct');
    expect(direct[2].via).toBe('NHK');
    expect(direct.filter((q) => q.via).length).toBe(1);
    expect(direct[0].place?.name).toBe('Ulaanbaatar');
    expect(direct[5].place?.name).toBe('Sydney');
    expect(direct[6].place?.name).toBe('Tokyo');
    expect(direct[3].place).toBeNull();
  });

  it('finds the indirect statements of Kim, Japan, North Korea and Japanese media', () => {
    const indirect = quotes.filter((q) => q.kind === 'indirect');
    const by = (who: string, content: string) =>
      indirect.find((q) => actorName(q.speaker?.actor) === who && q.text.includes(content));
    expect(by('Kim Chul Ho', 'Pyongyang was ready to continue talking')).toBeDefined();
    expect(by('Kim Chul Ho', 'relations with Japan remained poor')).toBeDefined();
    expect(by('Japan', 'North Korea is hiding survivors')).toBeDefined();
    expect(by('North Korea', 'the row is resolved')).toBeDefined();
    expect(by('North Korea', 'Japan come up with compensation')).toBeDefined();
    const media = by('Japanese media', 'met over dinner');
    expect(media).toBeDefined();
    expect(speakerText(doc!, quotes.indexOf(media!))).toBe('Japanese media');
  });

  it('points every span at the text', () => {
    for (const q of quotes) {
      expect(text.slice(q.start, q.end)).toBe(q.text);
      if (q.cue) expect(text.slice(q.cue.start, q.cue.end)).toBe(q.cue.text);
      if (q.speaker?.start != null) expect(q.speaker.end).toBeGreaterThan(q.speaker.start);
    }
  });
});
