import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileActorKb, Form, loadActorKb } from '../../src/actors/01-kb.js';
import { codeAtDate } from '../../src/actors/04-code.js';
import { phraseKeys, tokenKey } from '../../src/actors/normalize.js';
import { defaultDataDir } from '../../src/pipeline/pipeline.js';
import { actorResources } from './helpers.js';

const kb = () => actorResources().kb;
const entryOf = (phrase: string, kind?: string) => {
  const values = kb().names.get(phraseKeys(phrase).join(' ')) ?? [];
  const v = values.find((x) => !kind || kb().entries[x >> 2].kind === kind);
  return v === undefined ? undefined : kb().entries[v >> 2];
};

describe('matching keys', () => {
  it('fold case, periods, diacritics and apostrophes', () => {
    expect(tokenKey('U.S.')).toBe('us');
    expect(tokenKey('Shinzō')).toBe('shinzo');
    expect(tokenKey('Qa’ida')).toBe("qa'ida");
    expect(tokenKey('.')).toBe('.');
  });
  it('split phrases the way the tokenizer splits text', () => {
    expect(phraseKeys('Kim Jong-il')).toEqual(['kim', 'jong', 'il']);
    expect(phraseKeys("PEOPLE'S REPUBLIC")).toEqual(['people', "'s", 'republic']);
    expect(phraseKeys('KOREA, NORTH')).toEqual(['korea', ',', 'north']);
  });
});

describe('actor knowledge base', () => {
  it('has countries with names, demonyms, capitals and CAMEO codes', () => {
    expect(entryOf('North Korea')?.cameo).toBe('PRK');
    expect(entryOf('Pyongyang')?.cameo).toBe('PRK');
    expect(entryOf('North Korean')?.cameo).toBe('PRK');
    expect(entryOf('Washington')?.country).toBe('USA');
    const v = kb().names.get('north korean')!;
    expect(v[0] & 3).toBe(Form.Adjective);
    // plural demonyms are generated
    expect(entryOf('Iraqis')?.cameo).toBe('IRQ');
  });
  it('applies the curated corrections', () => {
    expect(entryOf('Serbian')?.cameo).toBe('SRB');
    expect(entryOf('Belgrade')?.cameo).toBe('SRB');
    expect(entryOf('PRC')?.cameo).toBe('CHN');
  });
  it('has international organisations and government metonyms with Phoenix codes', () => {
    expect(codeAtDate(entryOf('United Nations')!, null)?.code).toBe('IGOUNO');
    expect(codeAtDate(entryOf('NATO')!, null)?.code).toBe('IGOWSTNAT');
    expect(codeAtDate(entryOf('European Union')!, null)?.code).toBe('IGOEUREEC');
    expect(codeAtDate(entryOf('IAEA')!, null)?.code).toBe('IGOUNOIAE');
    expect(codeAtDate(entryOf('Kremlin')!, null)?.code).toBe('RUSGOV');
    expect(codeAtDate(entryOf('White House')!, null)?.code).toBe('USAGOV');
    expect(codeAtDate(entryOf('Taliban')!, null)?.code).toBe('AFGREB');
    expect(codeAtDate(entryOf('African Union')!, null)?.code).toBe('IGOAFROAU');
    expect(codeAtDate(entryOf('Downing Street')!, null)?.code).toBe('GBRGOV');
  });
  it('has only codes the coder accepts: 3-letter groups (an entry with another code would stay uncoded)', () => {
    const bad: string[] = [];
    for (const e of actorResources().kb.entries)
      for (const c of [...e.codes, ...e.offices])
        if (!/^([A-Z]{3})+$/.test(c.code) && e.kind !== 'country') bad.push(`${e.name}: ${c.code}`);
    expect(bad).toEqual([]);
  });
  it('codes people at the document date: dated codes, then offices, then the default', () => {
    const abe = entryOf('Shinzo Abe', 'person')!;
    expect(abe.country).toBe('JPN');
    expect(codeAtDate(abe, '2007-09-06')).toMatchObject({ code: 'JPNGOV', how: 'dated' });
    expect(codeAtDate(abe, '2015-06-01')).toMatchObject({ code: 'JPNGOV', how: 'office' });
    expect(codeAtDate(abe, '2010-06-01')).toMatchObject({ code: 'JPNELI', how: 'default' });
    const merkel = entryOf('Angela Merkel', 'person')!;
    expect(codeAtDate(merkel, '2019-03-01')?.code).toBe('DEUGOV');
    const putin = entryOf('Vladimir Putin', 'person')!;
    expect(codeAtDate(putin, '2010-03-01')?.code).toBe('RUSGOV');
  });
  it('has agent words with role codes, including the curated ones', () => {
    const role = (w: string) => {
      const v = kb().agents.get(phraseKeys(w).join(' '));
      return v ? kb().agentList[v[0] >> 1].role : undefined;
    };
    expect(role('envoy')).toBe('GOV');
    expect(role('troops')).toBe('MIL');
    expect(role('police')).toBe('COP');
    expect(role('rebels')).toBe('REB');
    expect(role('militants')).toBe('REB');
    expect(role('judge')).toBe('JUD');
    expect(role('lawmakers')).toBe('LEG');
    expect(role('civilians')).toBe('CVL');
    expect(role('broadcaster')).toBe('MED');
    expect(role('company')).toBe('BUS');
    expect(role('officials')).toBe('GOV');
    expect(role('settlement')).toBeUndefined();
  });
  it('loads the compiled form and the sources identically', () => {
    const dir = join(defaultDataDir(), 'actors');
    const compiled = compileActorKb(dir);
    expect(compiled.entries.length).toBe(kb().entries.length);
    const again = loadActorKb(dir);
    expect(again.names.full.size).toBe(kb().names.full.size);
    expect(again.agents.full.size).toBe(kb().agents.full.size);
  });
});
