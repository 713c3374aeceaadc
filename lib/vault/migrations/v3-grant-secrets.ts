import type { Migration } from './migration';

/**
 * v3: `grantSecrets`, keyed by grant id: the refresh tokens of the token broker's grants, each sealed
 * under the vault key (see grant-secrets.ts). A new store only; entries and the audit log are untouched.
 */
export const v3GrantSecrets: Migration = {
  version: 3,
  description: 'Add the grantSecrets store for refresh tokens',
  async up(db, tx) {
    db.createObjectStore('grantSecrets', { keyPath: 'grantId' });
    await tx.objectStore('meta').put({ version: 3, migratedAt: Date.now() }, 'schema');
  },
};
