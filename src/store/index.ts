// Opening a store from a `--store` value: a SQLite file path (the default ./eventwire.db, or
// EVENTWIRE_STORE), or a postgres:// URL (`?schema=name` picks a schema other than public).
import { isPostgresUrl } from './postgres/connect.js';
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
  if (isPostgresUrl(location)) {
    const { PostgresStore } = await import('./postgres/store.js');
    return PostgresStore.open(location, { readonly: options.readonly });
  }
  return new SqliteStore(location, { readonly: options.readonly });
}

export { isPostgresUrl } from './postgres/connect.js';
export { inputHash } from './rows.js';
export { SqliteStore } from './sqlite/store.js';
export type * from './types.js';
