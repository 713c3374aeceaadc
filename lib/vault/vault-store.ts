import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { AirlockError } from '../errors/airlock-error';
import type { AuditEntry } from './audit-log';
import type { GrantSecretRecord } from './grant-secrets';
import { LATEST_SCHEMA_VERSION, runMigrations } from './migrations/registry';
import type { EntryRecord, MetaValues } from './vault-records';

export const VAULT_DB_NAME = 'airlock-vault';

export interface VaultDbSchema extends DBSchema {
  meta: { key: keyof MetaValues; value: MetaValues[keyof MetaValues] };
  entries: { key: string; value: EntryRecord; indexes: { 'by-origin': string } };
  audit: { key: number; value: AuditEntry };
  grantSecrets: { key: string; value: GrantSecretRecord };
  receipts: { key: string; value: StoredReceipt };
}

/** A step-up approval's receipt (its assertion is a signature, not a secret), beside the chain entry that hashes it. */
export interface StoredReceipt {
  approvalId: string;
  /** The receipt as the approval service wrote it (lib/approvals/messages.ts ApprovalReceipt). */
  receipt: unknown;
}

export type VaultDb = IDBPDatabase<VaultDbSchema>;

/**
 * Opens (creating or migrating) the vault database. Migrations run inside the upgrade transaction:
 * one that fails aborts it, and the database stays at its old version with its data untouched.
 * A database written by a newer Airlock is refused rather than read with the wrong schema.
 */
export async function openVaultDb(name: string = VAULT_DB_NAME, version: number = LATEST_SCHEMA_VERSION, onTakenAway?: () => void): Promise<VaultDb> {
  try {
    const db = await openDB<VaultDbSchema>(name, version, {
      upgrade(database, oldVersion, newVersion, transaction) {
        runMigrations(database as unknown as IDBPDatabase<unknown>, transaction as never, oldVersion, newVersion ?? version).catch(() => {
          transaction.abort();
        });
      },
      blocking() {
        // Another context opens a newer schema, or deletes the database (any Airlock page can):
        // step aside so it can, and let the owner know this connection is gone.
        db.close();
        onTakenAway?.();
      },
    });
    return db;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new AirlockError('VAULT_SCHEMA_TOO_NEW', 'The vault was written by a newer version of Airlock');
    }
    throw error;
  }
}

export async function readMeta<K extends keyof MetaValues>(db: VaultDb, key: K): Promise<MetaValues[K] | undefined> {
  return (await db.get('meta', key)) as MetaValues[K] | undefined;
}
