import type { IDBPDatabase } from 'idb';
import type { Migration, UpgradeTransaction } from './migration';
import { v1Initial } from './v1-initial';
import { v2OriginIndex } from './v2-origin-index';
import { v3GrantSecrets } from './v3-grant-secrets';
import { v4Receipts } from './v4-receipts';

/** Every schema step, oldest first. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [v1Initial, v2OriginIndex, v3GrantSecrets, v4Receipts];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Runs, in order, every migration above `oldVersion` up to and including `newVersion`. */
export async function runMigrations(db: IDBPDatabase<unknown>, tx: UpgradeTransaction, oldVersion: number, newVersion: number): Promise<void> {
  for (const migration of MIGRATIONS) {
    if (migration.version > oldVersion && migration.version <= newVersion) await migration.up(db, tx);
  }
}
