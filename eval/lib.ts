// Shared helpers of the evaluation harness: where the development data lives, reading it,
// and the shape of a result line.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** ../shared next to the repository (or $EVENTWIRE_SHARED). */
export function sharedDir(): string {
  return process.env.EVENTWIRE_SHARED ?? join(repo, '..', 'shared');
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

export function hasShared(...parts: string[]): boolean {
  return existsSync(sharedPath(...parts));
}

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export interface EvalResult {
  dataset: string;
  metric: string;
  value: number | null;
  /** Units scored (sentences, entities, documents...). */
  n?: number;
  note?: string;
}

export interface EvalOptions {
  /** Use at most this many items per dataset (quick checks in CI). */
  sample?: number;
}

export interface EvalComponent {
  name: string;
  title: string;
  /** Absent: the component does not exist yet. */
  run?: (options: EvalOptions) => Promise<EvalResult[]> | EvalResult[];
}
