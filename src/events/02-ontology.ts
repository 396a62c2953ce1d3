// CAMEO and PLOVER facts for scoring events: code names, Goldstein values, quad classes and
// the CAMEO -> PLOVER crosswalk, read from data/events/ontology/ (copied from the project's
// ontology folder by scripts/events/import-ontology.ts; the headers name the sources).
// Also the composition table (compose.tsv) and the status word lists (status.tsv).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PloverCoding } from '../doc/types.js';
import type { ComposeClass } from './01-dictionary.js';

/** Quad class conventions: GDELT's (default) and the older one many tools use. */
export type QuadConvention = 'gdelt' | 'classic';
/** Goldstein tables: GDELT's lookup (default) or Phoenix's (differs at a few codes). */
export type GoldsteinTable = 'gdelt' | 'phoenix';

export interface CodeInfo {
  code: string;
  name: string;
  goldstein: number | null;
  quad: number;
}

export interface Ontology {
  codes: Map<string, CodeInfo>;
  /** Codes where Phoenix's Goldstein value differs from GDELT's. */
  phoenixGoldstein: Map<string, number>;
  plover: Map<string, PloverCoding>;
  ploverRoots: Array<[string, string]>;
  compose: Map<ComposeClass, Map<string, string>>;
  /** status.tsv: kind -> words. */
  status: Map<string, Set<string>>;
}

function tsvRows(text: string): string[][] {
  return text
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function loadOntology(eventsDir: string): Ontology {
  const dir = join(eventsDir, 'ontology');
  const codesText = readFileSync(join(dir, 'cameo-event-codes.tsv'), 'utf8');
  const codes = new Map<string, CodeInfo>();
  for (const [code, name, g, q] of tsvRows(codesText).slice(1)) {
    if (!/^\d{2,4}$/.test(code)) continue;
    codes.set(code, { code, name, goldstein: g === '' || g === undefined ? null : Number(g), quad: Number(q) });
  }
  // "Phoenix (...) differs at: 016 +3.4, 022 +3.4, ..." in the header
  const phoenixGoldstein = new Map<string, number>();
  const line = codesText
    .split('\n')
    .find((l) => l.startsWith('#') && l.includes('Phoenix') && l.includes('differs at'));
  if (line) {
    const tail = line.slice(line.indexOf('differs at'));
    for (const m of tail.matchAll(/(\d{3,4}) ([+-]?\d+(?:\.\d+)?)/g)) phoenixGoldstein.set(m[1], Number(m[2]));
  }
  const plover = new Map<string, PloverCoding>();
  for (const [cameo, event, mode, context] of tsvRows(readFileSync(join(dir, 'cameo-to-plover.tsv'), 'utf8')).slice(1))
    if (/^\d{3,4}$/.test(cameo))
      plover.set(cameo, { event: event || null, mode: mode || null, context: context || null });
  // where the PLOVER manual overrides the draft crosswalk (file optional)
  const overrides = join(dir, 'plover-overrides.tsv');
  if (existsSync(overrides))
    for (const [cameo, event, mode, context] of tsvRows(readFileSync(overrides, 'utf8')).slice(1))
      if (/^\d{3,4}$/.test(cameo))
        plover.set(cameo, { event: event || null, mode: mode || null, context: context || null });
  const ploverRoots = tsvRows(readFileSync(join(dir, 'plover-roots.tsv'), 'utf8'))
    .slice(1)
    .map(([p, e]) => [p, e] as [string, string])
    .sort((a, b) => b[0].length - a[0].length);
  const compose = new Map<ComposeClass, Map<string, string>>();
  for (const [cls, act, code] of tsvRows(readFileSync(join(eventsDir, 'compose.tsv'), 'utf8')).slice(1)) {
    let m = compose.get(cls as ComposeClass);
    if (!m) compose.set(cls as ComposeClass, (m = new Map()));
    m.set(act, code);
  }
  const status = new Map<string, Set<string>>();
  for (const [kind, word] of tsvRows(readFileSync(join(eventsDir, 'status.tsv'), 'utf8'))) {
    let s = status.get(kind);
    if (!s) status.set(kind, (s = new Set()));
    s.add(word);
  }
  return { codes, phoenixGoldstein, plover, ploverRoots, compose, status };
}

/** The quad class of a root under a convention. */
export function quadOf(code: string, convention: QuadConvention, ont: Ontology): 1 | 2 | 3 | 4 {
  const root = Number(code.slice(0, 2));
  if (convention === 'classic') return root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
  const q = ont.codes.get(code)?.quad ?? ont.codes.get(code.slice(0, 2))?.quad;
  if (q === 1 || q === 2 || q === 3 || q === 4) return q;
  return root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
}

/** Goldstein value of a code (a code without its own value takes its parent's, then its root's). */
export function goldsteinOf(code: string, table: GoldsteinTable, ont: Ontology): number {
  if (table === 'phoenix') {
    const p = ont.phoenixGoldstein.get(code);
    if (p !== undefined) return p;
  }
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    const g = ont.codes.get(c)?.goldstein;
    if (g !== null && g !== undefined) return g;
  }
  return 0;
}

/** PLOVER event/mode/context of a CAMEO code: the crosswalk, else its cue category. */
export function ploverOf(code: string, ont: Ontology): PloverCoding | null {
  for (let c = code; c.length >= 3; c = c.slice(0, -1)) {
    const p = ont.plover.get(c);
    if (p) return { ...p };
  }
  for (const [prefix, event] of ont.ploverRoots)
    if (code.startsWith(prefix)) return { event, mode: null, context: null };
  return null;
}

/** The composed code of class `cls` for an act coded `act` (longest prefix), or null. */
export function composeCode(cls: ComposeClass, act: string, ont: Ontology): string | null {
  if (cls !== 'threaten' && cls !== 'intent') {
    // appeal / demand / reject go through the act's intent code
    const intent = act.startsWith('03') ? act : composeCode('intent', act, ont);
    if (!intent) return null;
    return lookup(ont.compose.get(cls), intent);
  }
  if (cls === 'intent' && act.startsWith('03')) return act;
  // a promise to use force is a threat ("vowed to fight on")
  if (cls === 'intent' && Number(act.slice(0, 2)) >= 14) return lookup(ont.compose.get('threaten'), act);
  return lookup(ont.compose.get(cls), act);
}

function lookup(table: Map<string, string> | undefined, code: string): string | null {
  if (!table) return null;
  for (let c = code; c.length >= 2; c = c.slice(0, -1)) {
    const v = table.get(c);
    if (v) return v;
  }
  return null;
}
