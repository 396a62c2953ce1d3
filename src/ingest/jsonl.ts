// One JSONL record to a DocumentInput: `text` required; `id`, `date`, `title`, `source`,
// `url` read; every other field kept in `meta`.
import type { DocumentInput } from '../doc/types.js';
import { EventwireError } from '../errors.js';
import { checkText, decodeText } from './decode.js';

const KNOWN = new Set(['id', 'text', 'date', 'title', 'source', 'url', 'meta']);

/** Parse one JSONL line (bytes) into a document input. */
export function parseJsonlRecord(bytes: Buffer, maxBytes: number): DocumentInput {
  let line: string;
  try {
    line = decodeText(bytes, { maxBytes });
  } catch (err) {
    if (err instanceof EventwireError && err.code === 'empty') throw new EventwireError('malformed-json', 'empty line');
    throw err;
  }
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^JSON\.parse: /, '') : 'syntax error';
    throw new EventwireError('malformed-json', `not valid JSON (${why})`);
  }
  return recordToInput(value);
}

/** A parsed JSON value to a document input, with clear errors for missing or wrong fields. */
export function recordToInput(value: unknown): DocumentInput {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new EventwireError('malformed-json', 'a JSONL line must be a JSON object');
  const rec = value as Record<string, unknown>;
  if (typeof rec.text !== 'string') {
    if (rec.text === undefined) throw new EventwireError('missing-text', 'record has no "text" field');
    throw new EventwireError('bad-field', '"text" must be a string');
  }
  checkText(rec.text);
  const meta: Record<string, unknown> = {};
  if (rec.meta && typeof rec.meta === 'object' && !Array.isArray(rec.meta)) Object.assign(meta, rec.meta);
  // defineProperty: a "__proto__" field is data like any other
  for (const [k, v] of Object.entries(rec))
    if (!KNOWN.has(k))
      Object.defineProperty(meta, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (rec.id != null && typeof rec.id !== 'string' && typeof rec.id !== 'number')
    throw new EventwireError('bad-field', '"id" must be a string or a number');
  // a publication date written some other way is read if it can be; else it is kept in `meta`
  // (nothing is lost) and the document is coded without one
  const date = looseDate(rec.date);
  if (date === undefined) meta.unparsedDate = rec.date;
  return {
    id: rec.id == null ? null : String(rec.id),
    text: rec.text,
    date: date ?? null,
    title: optionalString(rec.title, 'title'),
    source: optionalString(rec.source, 'source'),
    url: optionalString(rec.url, 'url'),
    meta,
  };
}

function optionalString(v: unknown, field: string): string | null {
  if (v == null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new EventwireError('bad-field', `"${field}" must be a string`);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** Accepts YYYY-MM-DD (or an ISO timestamp, cut to its day); null for absent. */
export function normalizeDate(v: unknown, field: string): string | null {
  if (v == null || v === '') return null;
  if (typeof v !== 'string') throw new EventwireError('bad-field', `"${field}" must be a YYYY-MM-DD string`);
  const m = DAY.exec(v.trim());
  if (!m || !isValidDay(+m[1], +m[2], +m[3]))
    throw new EventwireError(
      'bad-field',
      `"${field}" ${JSON.stringify(v.slice(0, 40))} is not a valid YYYY-MM-DD date`,
    );
  return `${m[1]}-${m[2]}-${m[3]}`;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function day(y: number, m: number, d: number): string | undefined {
  return isValidDay(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : undefined;
}

/**
 * A record's publication date: YYYY-MM-DD (or an ISO timestamp, cut to its day), "6 September
 * 2007", "Sep. 6, 2007", "Thu Sep 06 10:00:00 2007", "2007 Sep 6", "09/06/2007" (US order);
 * null when absent, undefined when it cannot be read.
 */
export function looseDate(v: unknown): string | null | undefined {
  if (v == null || v === '') return null;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().slice(0, 200);
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (m) return day(+m[1], +m[2], +m[3]);
  const month = (name: string) => MONTHS[name.slice(0, 3).toLowerCase()];
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(s);
  if (m && month(m[2])) return day(+m[3], month(m[2]), +m[1]);
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:[\d:]+\s+(?:[A-Z]{3,4}\s+)?)?(\d{4})\b/.exec(s);
  if (m && month(m[1])) return day(+m[3], month(m[1]), +m[2]);
  m = /\b(\d{4})\s+([A-Za-z]{3,9})\.?\s+(\d{1,2})\b/.exec(s);
  if (m && month(m[2])) return day(+m[1], month(m[2]), +m[3]);
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s);
  if (m) return day(+m[3], +m[1], +m[2]);
  return undefined;
}

export function isValidDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}
