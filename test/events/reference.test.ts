import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scoreReference } from '../../eval/components/events.js';
import { hasShared, REFERENCE } from '../shared.js';
import { code } from './helpers.js';

describe.skipIf(!hasShared('examples/japan-north-korea-talks.txt'))('reference article', () => {
  it('finds the listed events, nothing happened for the negated statements', () => {
    const doc = code(readFileSync(REFERENCE(), 'utf8'), '2007-09-06');
    const byMetric = Object.fromEntries(scoreReference(doc).map((r) => [r.metric, r.value]));
    expect(byMetric['listed events found']).toBeGreaterThanOrEqual(0.85);
    expect(byMetric['negated statements as happened']).toBe(0);
    const sanctions = doc.events.find((e) => e.code.startsWith('16') && e.trigger?.text.includes('slapped'));
    expect(sanctions?.date).toBe('2006');
    expect(sanctions?.source?.code).toMatch(/^JPN/);
    expect(sanctions?.target?.code).toMatch(/^PRK/);
  }, 60_000);
});
