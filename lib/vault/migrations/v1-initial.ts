import type { Migration } from './migration';

/**
 * v1: `meta` (out-of-line keys: keyring, schema, audit-head), `entries` keyed by id (origins,
 * timestamps, sealed profile and secret), `audit` keyed by its sequence number.
 */
export const v1Initial: Migration = {
  version: 1,
  description: 'Create the meta, entries and audit stores',
  async up(db, tx) {
    db.createObjectStore('meta');
    db.createObjectStore('entries', { keyPath: 'id' });
    db.createObjectStore('audit', { keyPath: 'seq' });
    await tx.objectStore('meta').put({ version: 1, migratedAt: Date.now() }, 'schema');
  },
};
