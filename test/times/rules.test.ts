import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDoc } from '../../src/doc/doc.js';
import { analyzeText, loadTextResources } from '../../src/text/index.js';
import type { ClassMatch } from '../../src/times/02-items.js';
import { type MatchItem, matchRule, parseRules, RuleError } from '../../src/times/03-rules.js';
import { ACTIONS } from '../../src/times/04-actions.js';
import { findTimes, loadTimesResources } from '../../src/times/index.js';
import { repoDir } from '../shared.js';

const actions = new Set(Object.keys(ACTIONS));
const classes = new Set(['MONTH', 'WEEKDAY', 'UNIT', 'SHIFT']);
const rules = (src: string) => parseRules(src, actions, classes);

/** Items from "word/CLASS=value" specs, e.g. "last/SHIFT=-1". */
function items(spec: string): MatchItem[] {
  let at = 0;
  return spec.split(' ').map((w) => {
    const [word, ...cls] = w.split('/');
    const classes: ClassMatch[] = cls.map((c) => {
      const [name, value = ''] = c.split('=');
      return { cls: name, value, len: 1 };
    });
    const it = { start: at, end: at + word.length, word, classes };
    at += word.length + 1;
    return it;
  });
}

describe('the rule language', () => {
  it('compiles the shipped rules and word lists', () => {
    const res = loadTimesResources(join(repoDir, 'data'));
    expect(res.rules.phases).toEqual(['base', 'compose']);
    expect(res.rules.rules.length).toBeGreaterThan(100);
    for (const r of res.rules.rules) expect(r.variants.length).toBeGreaterThan(0);
    expect(res.lexicon.size).toBeGreaterThan(300);
  });
  it('reports mistakes with their line', () => {
    const bad = [
      '[base]\nx: FOO => DATE date',
      '[base]\nx: MONTH => DATE nosuchaction',
      '[base]\nx: ( MONTH => DATE date',
      '[base]\nx: MONTH ) => DATE date',
      '[base]\nx: MONTH => DATE date\nx: WEEKDAY => DATE weekday',
      '[base]\nx: ( { MONTH } ) => DATE date',
      '[base]\nx: MONTH? => DATE date',
      'x: MONTH => DATE date',
      '[base]\nx: MONTH => WHEN date',
      '[base]\nthis is not a rule',
    ];
    for (const src of bad) expect(() => rules(src), src).toThrow(RuleError);
    expect(() => rules('[base]\n\nx: FOO => DATE date')).toThrow(/line 3/);
  });
  it('matches literals, classes, options, groups and alternatives, longest first', () => {
    const set = rules('[base]\nr: the? SHIFT|early UNIT ( of the year | in MONTH )? => DATE shift');
    const r = set.rules[0];
    const m = matchRule(r, items('the last/SHIFT=-1 week/UNIT=W of the year'), 0);
    expect(m).toMatchObject({ from: 0, to: 6 });
    expect(m?.captures.map((c) => `${c.name}=${c.value}`)).toEqual(['shift=-1', 'unit=W']);
    expect(matchRule(r, items('last/SHIFT=-1 week/UNIT=W in May/MONTH=5'), 0)).toMatchObject({ from: 0, to: 4 });
    expect(matchRule(r, items('early week/UNIT=W'), 0)).toMatchObject({ from: 0, to: 2 });
    expect(matchRule(r, items('the week/UNIT=W'), 0)).toBeNull();
  });
  it('keeps context outside { }, checks ! and $ without consuming', () => {
    const set = rules('[base]\nr: in|since {MONTH} !UNIT => DATE date\ne: {WEEKDAY} ,|$ => DATE weekday');
    const [r, e] = set.rules;
    expect(matchRule(r, items('in May/MONTH=5'), 0)).toMatchObject({ from: 1, to: 2 });
    expect(matchRule(r, items('in May/MONTH=5 week/UNIT=W'), 0)).toBeNull();
    expect(matchRule(e, items('Monday/WEEKDAY=1'), 0)).toMatchObject({ from: 0, to: 1 });
    expect(matchRule(e, items('Monday/WEEKDAY=1 ,'), 0)).toMatchObject({ from: 0, to: 1 });
    expect(matchRule(e, items('Monday/WEEKDAY=1 night'), 0)).toBeNull();
  });
  it('captures under an alias', () => {
    const set = rules('[base]\nr: earlier|later:dir SHIFT UNIT => DATE shift');
    const m = matchRule(set.rules[0], items('later this/SHIFT=0 year/UNIT=Y'), 0);
    expect(m?.captures.find((c) => c.name === 'dir')?.value).toBe('later');
  });
});

describe('extending the data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eventwire-times-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('picks up a new word list entry and a new rule without code changes', () => {
    cpSync(join(repoDir, 'data', 'times'), join(dir, 'times'), { recursive: true });
    // a holiday, and a rule for "<holiday> weekend" meaning the weekend of that holiday
    writeFileSync(
      join(dir, 'times/lexicon/holidays.tsv'),
      `${readFileSync(join(dir, 'times/lexicon/holidays.tsv'), 'utf8')}canada day\tHOLIDAY\t07-01\tcap\n`,
    );
    writeFileSync(
      join(dir, 'times/rules.txt'),
      readFileSync(join(dir, 'times/rules.txt'), 'utf8').replace(
        '[compose]',
        'holiday.weekend: HOLIDAY weekend => DATE holiday\n\n[compose]',
      ),
    );
    const res = loadTimesResources(dir);
    const text = 'Traffic was heavy over the Canada Day weekend.';
    const a = analyzeText(text, loadTextResources(join(repoDir, 'data')));
    const doc = {
      ...createDoc({ text, date: '2007-09-06' }),
      tokens: a.tokens,
      sentences: a.sentences,
      layers: ['tokens', 'sentences'] as const,
    };
    const { times } = findTimes({ ...doc, layers: [...doc.layers] }, res);
    expect(times).toHaveLength(1);
    expect(times[0]).toMatchObject({ text: 'Canada Day weekend', value: '2007-07-01' });
  });
});
