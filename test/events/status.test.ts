// Status and passing mentions: refusals stated with "will not", purpose clauses, event nouns that
// are what another event is about, unresolved participants.
import { describe, expect, it } from 'vitest';
import { code, happened } from './helpers.js';

describe('event status and passing mentions', () => {
  it('codes "will not lift the embargo" as a refusal, not as an intent', () => {
    const ev = happened(code('Israel said it will not lift the embargo on Lebanon.'));
    expect(ev.some((x) => / 124\d?$/.test(x))).toBe(true);
    expect(ev.some((x) => / 035\d?$/.test(x))).toBe(false);
  });

  it('does not code the purpose of an act as having happened beside the act', () => {
    const ev = happened(code('Finland gave Tanzania a grant to finance new roads.'));
    expect(ev.some((x) => x.startsWith('FIN->TZA 07'))).toBe(true);
    expect(ev.some((x) => / 06\d+$/.test(x))).toBe(false);
  });

  it('does not code an event noun that is what another event is about', () => {
    const ev = happened(code('Palestinian leaders rejected an American offer of talks.'));
    expect(ev.some((x) => / 12\d*$/.test(x))).toBe(true);
    expect(ev.some((x) => / 03\d*$/.test(x))).toBe(false);
  });

  it('names an unresolved attacker by its phrase instead of dropping the event', () => {
    const doc = code('A car bomb killed five soldiers in the capital.');
    const e = doc.events.find((x) => x.code.startsWith('18') && !x.negated && !x.hypothetical);
    expect(e?.source?.name).toBe('A car bomb');
  });
});
