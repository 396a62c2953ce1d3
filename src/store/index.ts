// Opening a store from a `--store` value: a SQLite file path (the default ./eventwire.db, or
// EVENTWIRE_STORE), or a postgres:// URL once the PostgreSQL store exists.
import { EventwireError } from '../errors.js';
import { SqliteStore } from './sqlite/store.js';
import type { Store } from './types.js';

export const DEFAULT_STORE = './eventwire.db';

/** The store location from an option, else EVENTWIRE_STORE, else ./eventwire.db. */
export function storeLocation(option?: string | null): string {
  return option || process.env.EVENTWIRE_STORE || DEFAULT_STORE;
}

export interface OpenStoreOptions {
  /** Open an existing store for reading only (serve, export). */
  readonly?: boolean;
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location))
    throw new EventwireError(
      'usage',
      'PostgreSQL stores are not supported by this version yet; use a SQLite file path',
    );
  return new SqliteStore(location, { readonly: options.readonly });
}

export { inputHash } from './rows.js';
export { SqliteStore } from './sqlite/store.js';
export type * from './types.js';
