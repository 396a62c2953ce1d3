import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors.js';
import { looseDate, parseJsonlRecord } from '../../src/ingest/jsonl.js';

const rec = (o: unknown) => parseJsonlRecord(Buffer.from(JSON.stringify(o)), 1 << 20);
const errorOf = (line: string) => {
  try {
    parseJsonlRecord(Buffer.from(line), 1 << 20);
    return null;
  } catch (err) {
    return describeError(err).code;
  }
};

describe('JSONL records', () => {
  it('reads publication dates written the usual ways', () => {
    expect(looseDate('2007-09-06')).toBe('2007-09-06');
    expect(looseDate('2007-09-06T23:10:00+09:00')).toBe('2007-09-06');
    expect(looseDate('6 September 2007')).toBe('2007-09-06');
    expect(looseDate('Sep. 6, 2007')).toBe('2007-09-06');
    expect(looseDate('Thu, 06 Sep 2007 10:00:00 GMT')).toBe('2007-09-06');
    expect(looseDate('Thu Sep 06 10:00:00 UTC 2007')).toBe('2007-09-06');
    expect(looseDate('2007 Sep 6')).toBe('2007-09-06');
    expect(looseDate('09/06/2007')).toBe('2007-09-06');
    expect(looseDate('')).toBeNull();
    expect(looseDate(null)).toBeNull();
    for (const bad of ['yesterday', 'Dec 17, 20', '2007-02-30', 'Smarch 3, 2007', 20070906, { y: 2007 }])
      expect(looseDate(bad)).toBeUndefined();
  });

  it('codes a record whose date cannot be read without one, keeping the date in meta', () => {
    const input = rec({ id: 'x', text: 'Iran threatened Israel.', date: '9:43 PM, D' });
    expect(input.date).toBeNull();
    expect(input.meta?.unparsedDate).toBe('9:43 PM, D');
    expect(rec({ id: 'y', text: 'Iran threatened Israel.', date: 'December 7, 2016' }).date).toBe('2016-12-07');
    expect(rec({ text: 'Iran threatened Israel.', date: 20070906 }).meta?.unparsedDate).toBe(20070906);
  });

  it('gives one clear error per unusable record', () => {
    expect(errorOf('{"id":"broken", "text": "abc')).toBe('malformed-json');
    expect(errorOf('{"id":"notext"}')).toBe('missing-text');
    expect(errorOf('{"text":42}')).toBe('bad-field');
    expect(errorOf('[1,2]')).toBe('malformed-json');
    expect(errorOf('{"text":"   "}')).toBe('empty');
    expect(errorOf('{"text":"a\\u0000b"}')).toBe('binary');
    expect(errorOf('{"text":"ok","title":{"a":1}}')).toBe('bad-field');
    const latin1 = Buffer.concat([Buffer.from('{"text":"Caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    expect(() => parseJsonlRecord(latin1, 1 << 20)).toThrow(/invalid UTF-8 at byte 12/);
  });
});

describe('JSONL record fields', () => {
  it('keeps a "__proto__" field as data and refuses an object id', () => {
    const input = parseJsonlRecord(
      Buffer.from('{"text":"Iran threatened Israel.","__proto__":{"polluted":1}}'),
      1 << 20,
    );
    expect(JSON.stringify(input.meta)).toContain('"__proto__":{"polluted":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errorOf('{"id":{"x":1},"text":"Iran threatened Israel."}')).toBe('bad-field');
    expect(parseJsonlRecord(Buffer.from('{"id":7,"text":"Iran threatened Israel."}'), 1 << 20).id).toBe('7');
  });
});
