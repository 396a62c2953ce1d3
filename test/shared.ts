// Tests that read ../shared (development data, the reference article) skip with a notice
// when it is absent, so `npm test` passes on a bare clone.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const sharedDir = process.env.EVENTWIRE_SHARED ?? join(repoDir, '..', 'shared');

export function hasShared(...parts: string[]): boolean {
  const ok = existsSync(join(sharedDir, ...parts));
  if (!ok) console.warn(`[skip] ${join(sharedDir, ...parts)} not found: tests that need it are skipped`);
  return ok;
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

export const REFERENCE = () => join(sharedDir, 'examples/japan-north-korea-talks.txt');
