import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actorAt } from '../../src/actors/lookup.js';
import { type DictionaryError, parseDictionaryFile, parsePattern } from '../../src/events/01-dictionary.js';
import { anchorFits, makeView, matchEntry } from '../../src/events/03-match.js';
import { composeCode, loadEventsResources, ploverOf, quadOf } from '../../src/events/index.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { code } from './helpers.js';

const res = loadEventsResources(defaultDataDir());
const codes = new Set(res.ont.codes.keys());

describe('pattern dictionary', () => {
  it('loads, covers all 20 CAMEO roots and keys entries by anchor lemma', () => {
    const roots = new Set(res.dict.entries.map((e) => e.code.slice(0, 2)));
    for (let r = 1; r <= 20; r++) expect(roots.has(String(r).padStart(2, '0'))).toBe(true);
    expect(res.dict.entries.length).toBeGreaterThan(300);
    expect(res.dict.byAnchor.get('meet')?.some((e) => e.id === '04-meet')).toBe(true);
    for (const e of res.dict.entries) {
      expect(e.source, e.id).toMatch(/CAMEO/);
      expect(e.examples.length, e.id).toBeGreaterThan(0);
      expect(codes.has(e.code), e.id).toBe(true);
    }
  });

  it('parses anchors, slots, multiword alternatives and words before the anchor', () => {
    const p = parsePattern('call on|upon + to ~', { file: 't', line: 1 });
    expect(p.anchors).toEqual([['call']]);
    expect(p.elements.map((e) => e.kind)).toEqual(['word', 'target', 'word', 'clause']);
    const q = parsePattern('mutual *accusation|recrimination', { file: 't', line: 1 });
    expect(q.anchors).toEqual([['accusation'], ['recrimination']]);
    expect(q.elements[0]).toMatchObject({ kind: 'word', before: true });
    expect(parsePattern('walk_out of +', { file: 't', line: 1 }).anchors).toEqual([['walk', 'out']]);
  });

  it('rejects malformed entries with the file and line', () => {
    const bad = (text: string) => {
      try {
        parseDictionaryFile(text, 'x.tsv', codes);
        return null;
      } catch (e) {
        return (e as DictionaryError).message;
      }
    };
    expect(bad('01-a\t999\tmeet +\t\tx')).toMatch(/x.tsv:1: unknown CAMEO code/);
    expect(bad('01-a\t040\tmeet +\tbogus\tx')).toMatch(/unknown flag/);
    expect(bad('01-a\t040\tcall on + to ~\t\tx')).toMatch(/compose/);
    expect(bad('01-a\t040\t+ meet\t\tx')).toMatch(/anchor/);
    expect(bad('# source: mine\n01-a\t040\tmeet +\tsym\tJapan met Korea.')).toBeNull();
  });

  it('every entry matches its own example sentence', () => {
    const missed: string[] = [];
    for (const e of res.dict.entries) {
      for (const ex of e.examples) {
        const doc = code(ex);
        const n = doc.tokens.length;
        const view = makeView(
          doc.tokens,
          0,
          n,
          (j) => !!actorAt(doc, doc.tokens[j].start, doc.tokens[j].end),
          (j) => j,
        );
        let hit = false;
        for (let a = 0; a < n && !hit; a++) if (anchorFits(e, doc.tokens[a]) && matchEntry(view, e, a)) hit = true;
        if (!hit) missed.push(`${e.id}: ${ex}`);
      }
    }
    expect(missed, missed.join('\n')).toEqual([]);
  }, 120_000);

  it('codes the examples of plain entries with their code', () => {
    let right = 0;
    let n = 0;
    for (const e of res.dict.entries) {
      if (e.flags.compose || e.flags.comp || e.flags.fallback || e.flags.negOnly) continue;
      for (const ex of e.examples) {
        if (/\b(will|would|not|never)\b/.test(ex)) continue;
        n++;
        if (code(ex).events.some((x) => x.code === e.code)) right++;
      }
    }
    // the rest lose to a more specific entry, or their actors are not recognised
    expect(right / n).toBeGreaterThan(0.5);
  }, 120_000);
});

describe('ontology', () => {
  it('scores codes with GDELT quad classes by default and the classic convention on request', () => {
    expect(quadOf('046', 'gdelt', res.ont)).toBe(1);
    expect(quadOf('0841', 'gdelt', res.ont)).toBe(2);
    expect(quadOf('090', 'gdelt', res.ont)).toBe(2);
    expect(quadOf('090', 'classic', res.ont)).toBe(3);
    expect(quadOf('141', 'gdelt', res.ont)).toBe(3);
    expect(quadOf('141', 'classic', res.ont)).toBe(4);
    expect(quadOf('190', 'gdelt', res.ont)).toBe(4);
  });

  it('maps CAMEO to PLOVER through the crosswalk, else the cue category', () => {
    expect(ploverOf('046', res.ont)?.event).toBe('CONSULT');
    expect(ploverOf('1712', res.ont)?.event).toBe('ASSAULT');
    // the PLOVER manual's cue category overrides the draft crosswalk (data/events/ontology/plover-overrides.tsv)
    expect(ploverOf('163', res.ont)?.event).toBe('SANCTION');
    expect(ploverOf('0841', res.ont)?.event).toBe('RETREAT');
    expect(ploverOf('010', res.ont)).toBeNull();
  });

  it('composes intents, appeals, demands, rejections and threats from the act', () => {
    expect(composeCode('intent', '046', res.ont)).toBe('036');
    expect(composeCode('appeal', '046', res.ont)).toBe('026');
    expect(composeCode('demand', '0841', res.ont)).toBe('1053');
    expect(composeCode('reject', '040', res.ont)).toBe('125');
    expect(composeCode('threaten', '163', res.ont)).toBe('1312');
    expect(composeCode('intent', '190', res.ont)).toBe('1384');
  });

  it('reads the ontology from data/events, not from the shared folder', () => {
    expect(join(defaultDataDir(), 'events', 'ontology')).toMatch(/data[/\\]events[/\\]ontology$/);
  });
});
