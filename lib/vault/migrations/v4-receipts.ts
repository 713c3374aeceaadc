import type { Migration } from './migration';

/**
 * v4: `receipts`, keyed by approval id: the signed action and the assertion of each step-up approval.
 * The audit chain holds each approval's entry with the receipt's SHA-256, so the chain vouches for the
 * receipt; the step-up trail that kept both in `storage.local` is no longer written. A new store only.
 */
export const v4Receipts: Migration = {
  version: 4,
  description: 'Add the receipts store for step-up approvals',
  async up(db, tx) {
    db.createObjectStore('receipts', { keyPath: 'approvalId' });
    await tx.objectStore('meta').put({ version: 4, migratedAt: Date.now() }, 'schema');
  },
};
