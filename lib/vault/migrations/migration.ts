import type { IDBPDatabase, IDBPTransaction } from 'idb';

/** The upgrade transaction, untyped: each migration sees the schema of its own version, not the latest. */
export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * One schema step. `up` runs inside the versionchange transaction and may only await IndexedDB
 * requests of that transaction (anything else lets the transaction commit under it).
 */
export interface Migration {
  /** The version this migration produces; the registry runs it for databases older than this. */
  version: number;
  description: string;
  up(db: IDBPDatabase<unknown>, tx: UpgradeTransaction): Promise<void>;
}
