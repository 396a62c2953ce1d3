// The constructions of reported speech, one by one, through the full pipeline.
import { describe, expect, it } from 'vitest';
import { codeText, speakerText } from './helpers.js';

const quotesOf = (text: string) => {
  const doc = codeText(text, '2016-09-08');
  return doc.quotes.map((q, i) => ({
    kind: q.kind,
    text: q.text,
    parts: (q.parts ?? []).map((p) => doc.text.slice(p.start, p.end)),
    speaker: speakerText(doc, i),
    actor: doc.actors.find((a) => a.id === q.speaker?.actor)?.name ?? null,
    cue: q.cue?.text ?? null,
    via: q.via,
    place: q.place?.name ?? null,
    cueClass: q.cueClass,
  }));
};

describe('direct quotes', () => {
  it('joins a quote interrupted by its attribution in one sentence', () => {
    const [q] = quotesOf('"We will win," Prime Minister John Smith said, "and we will do it soon."');
    expect(q).toMatchObject({
      kind: 'direct',
      text: 'We will win,',
      speaker: 'Prime Minister John Smith',
      cue: 'said',
    });
    expect(q.parts).toEqual(['and we will do it soon.']);
  });

  it('carries the speaker to the quote in the next sentence and paragraph', () => {
    const qs = quotesOf(
      '"The situation is grave," said Maria Lopez, a spokeswoman for the agency. "We are working on it."\n\n"Help is on the way."',
    );
    expect(qs.map((q) => q.speaker)).toEqual([
      'Maria Lopez, a spokeswoman for the agency',
      'Maria Lopez, a spokeswoman for the agency',
      'Maria Lopez, a spokeswoman for the agency',
    ]);
    expect(qs.every((q) => q.kind === 'direct' && q.actor === 'Maria Lopez')).toBe(true);
  });

  it('does not carry a speaker over a sentence of narration', () => {
    const qs = quotesOf(
      '"It is grave," the mayor said. Rescue teams arrived later in the day. "Nobody can get through here now," a resident told us.',
    );
    expect(qs.map((q) => q.speaker)).toEqual(['the mayor', 'a resident']);
  });

  it('gives a quote over several paragraphs to the attribution of its last paragraph', () => {
    const qs = quotesOf('"It is over.\n\n"We have nothing more to say," the company said.');
    expect(qs).toHaveLength(1);
    expect(qs[0]).toMatchObject({
      text: 'It is over.',
      parts: ['We have nothing more to say,'],
      speaker: 'the company',
    });
  });

  it('reads the speaker before a colon and a byline after a dash', () => {
    const qs = quotesOf(
      'WALLACE: Will she be there tomorrow night at the debate?\n\n“He is not fit to lead the nation.” ― Maria Lopez\n',
    );
    expect(qs[0]).toMatchObject({ speaker: 'WALLACE', cue: ':' });
    expect(qs[1]).toMatchObject({ kind: 'direct', speaker: 'Maria Lopez', cue: '―' });
  });

  it('reads a longer label with lower-case words when it is a noun phrase with a name', () => {
    const qs = quotesOf(
      'Republican pollster Daron Shaw: “Lesser-known candidates have seen the biggest boost.”\n\nThe main problem: nobody knows how many voters will turn out.\n',
    );
    expect(qs[0]).toMatchObject({ speaker: 'Republican pollster Daron Shaw', cue: ':' });
    // no name before the colon: not a speaker
    expect(qs.some((q) => q.speaker === 'The main problem')).toBe(false);
  });

  it('keeps scare quotes out', () => {
    expect(quotesOf('The so-called "reform" passed on Monday.')).toEqual([]);
  });
});

describe('indirect and mixed quotes', () => {
  it('reads said/told/warned/denied with a clausal complement', () => {
    const qs = quotesOf(
      'Officials denied that any soldiers had been killed. The general warned that the fighting could spread.',
    );
    expect(qs.map((q) => [q.kind, q.speaker, q.cue, q.text])).toEqual([
      ['indirect', 'Officials', 'denied', 'that any soldiers had been killed'],
      ['indirect', 'The general', 'warned', 'that the fighting could spread'],
    ]);
    expect(qs[0].cueClass).toBe('speech');
  });

  it('reads "according to" and a final "X says"', () => {
    const qs = quotesOf(
      'According to the ministry, spending will be cut by half. Markets will recover next year, analysts say.',
    );
    expect(qs[0]).toMatchObject({ speaker: 'the ministry', cue: 'According to', text: 'spending will be cut by half' });
    expect(qs.find((q) => q.cue === 'say')).toMatchObject({
      speaker: 'analysts',
      text: 'Markets will recover next year',
    });
  });

  it('reads an inverted cue after the clause, a speaker after a comma and a quoted word inside a clause', () => {
    const qs = quotesOf(
      'Sanctions have had limited effect, argued Maria Snegovaya, a senior fellow at the Center for Strategic and International Studies. ' +
        'European Union foreign ministers agreed on Monday to extend sanctions against Russia for another six months, diplomats said. ' +
        'It\'s the "Brexit" problem, she added.',
    );
    expect(qs.find((q) => q.cue === 'argued')).toMatchObject({
      speaker: 'Maria Snegovaya, a senior fellow at the Center for Strategic and International Studies',
      text: 'Sanctions have had limited effect',
    });
    const said = qs.find((q) => q.cue === 'said');
    expect(said?.speaker).toBe('diplomats');
    expect(said?.text).toMatch(/^European Union foreign ministers agreed .* six months$/);
    expect(qs.find((q) => q.cue === 'added')).toMatchObject({ speaker: 'she', text: 'It\'s the "Brexit" problem' });
  });

  it("gives a relative pronoun speaker its antecedent's actor, and leaves a quoted word in the speaker's description", () => {
    const qs = quotesOf(
      'Hungarian Prime Minister Viktor Orban, who said last week that Hungary would veto the package, met Emmanuel Macron on Friday. ' +
        'The union leader, who called the plan "a betrayal", said members would strike.',
    );
    expect(qs.find((q) => q.speaker === 'who')).toMatchObject({
      actor: 'Viktor Orban',
      text: 'that Hungary would veto the package',
    });
    const said = qs.find((q) => q.cue === 'said' && q.speaker !== 'who');
    expect(said).toMatchObject({ text: 'members would strike', parts: [] });
  });

  it('finds the "that" clause after a phrase of medium or time, and the predicate the parse cut off', () => {
    const qs = quotesOf(
      'Human Rights Watch said in a report released on Wednesday that Haitian gangs had killed more than 1,500 people this year. ' +
        'A senior police official, who spoke on condition of anonymity because he was not authorised to speak to the media, said morale among the officers was low.',
    );
    expect(qs.find((q) => q.speaker === 'Human Rights Watch')?.text).toBe(
      'that Haitian gangs had killed more than 1,500 people this year',
    );
    expect(qs.find((q) => q.speaker === 'A senior police official')?.text).toBe('morale among the officers was low');
  });

  it('reads "X, the ministry said, adding that Y" with X as what the ministry said', () => {
    const qs = quotesOf(
      'Police used tear gas and water cannon to disperse the crowd outside parliament, the interior ministry said, adding that 20 people had been detained.',
    );
    const said = qs.find((q) => q.cue === 'said');
    expect(said?.speaker).toBe('the interior ministry');
    expect(said?.text).toBe('Police used tear gas and water cannon to disperse the crowd outside parliament');
  });

  it('takes no place after a preposition for what was said', () => {
    const qs = quotesOf('Hezbollah vowed to retaliate. The group also fired rockets at Haifa on Sunday.');
    expect(qs.filter((q) => q.text === 'Haifa')).toEqual([]);
  });

  it('keeps the content of "according to X" when a quoted fragment leaves the phrase as the root', () => {
    const qs = quotesOf(
      'According to the Kremlin spokesman Dmitry Peskov, the decision was "illegal and counterproductive".',
    );
    expect(qs).toHaveLength(1);
    expect(qs[0].cue).toBe('According to');
    expect(qs[0].speaker).toContain('Dmitry Peskov');
    expect(qs[0].text).toMatch(/^the decision was "illegal and counterproductive/);
  });

  it('reads noun and adjective cues by their learned frames, and "is expected to"', () => {
    const qs = quotesOf(
      "The senator is confident that the bill will pass. The governor's criticism of the plan was sharp. Trump is expected to deliver a victory speech later tonight.",
    );
    expect(qs.find((q) => q.cue === 'confident')).toMatchObject({
      speaker: 'The senator',
      text: 'that the bill will pass',
    });
    expect(qs.find((q) => q.cue === 'criticism')).toMatchObject({ speaker: "The governor's", text: 'the plan' });
    // no source: what is expected is the subject and the infinitive
    const expected = qs.find((q) => q.cue === 'expected');
    expect(expected).toMatchObject({ speaker: null, text: 'Trump' });
    expect(expected?.parts[0]).toMatch(/^to deliver a victory speech/);
  });

  it('splits the content around a parenthetical attribution', () => {
    const [q] = quotesOf('The economy, the minister said, is stronger than expected.');
    expect(q).toMatchObject({
      kind: 'indirect',
      speaker: 'the minister',
      text: 'The economy',
      parts: ['is stronger than expected'],
    });
  });

  it('marks a complement with a quoted fragment as mixed', () => {
    const [q] = quotesOf('The minister said the plan was a "historic step" for the country.');
    expect(q).toMatchObject({ kind: 'mixed', speaker: 'The minister', cue: 'said' });
    expect(q.text).toContain('the plan was');
  });

  it('resolves a pronoun speaker to the person named just before', () => {
    const qs = quotesOf(
      'Japanese envoy Yoshiki Mine spoke after the talks ended. He said the two sides had made progress.',
    );
    expect(qs[0]).toMatchObject({ speaker: 'He', actor: 'Yoshiki Mine' });
  });
});

describe('pronoun speakers', () => {
  it('takes the actor of "she said" from coreference (agreement and salience), not the latest name', () => {
    const qs = quotesOf(
      'German Chancellor Angela Merkel met French President Francois Hollande in Berlin. She said Europe must stand together. ' +
        '"There is no alternative," he said.',
    );
    expect(qs.map((q) => [q.speaker, q.actor])).toEqual([
      ['She', 'Angela Merkel'],
      ['he', 'Francois Hollande'],
    ]);
  });
});

describe('channel and place', () => {
  it('finds the medium: told Reuters, in an interview with CNN, on Twitter, as quoted by', () => {
    const qs = quotesOf(
      'The president told Reuters that the talks had failed. In an interview with CNN, the senator said the bill would pass. ' +
        '"We have nothing more to say," the company said on Twitter. "Relations are at a low," he said, as quoted by the BBC.',
    );
    expect(qs.map((q) => q.via)).toEqual(['Reuters', 'CNN', 'Twitter', 'BBC']);
  });

  it('finds the place of the statement', () => {
    const [q] = quotesOf('"We are ready," the envoy said in Sydney on Friday.');
    expect(q.place).toBe('Sydney');
  });

  it('does not take a place the statement names for the place it was made', () => {
    const qs = quotesOf(
      'The talks, which began last week in Geneva, will resume next month, a UN spokesman said. ' +
        'Speaking in Paris, the minister said the talks in Geneva had failed.',
    );
    expect(qs.map((q) => q.place)).toEqual([null, 'Paris']);
  });
});
