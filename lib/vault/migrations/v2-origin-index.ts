import { entryIndexKeys } from '../origin-match';
import type { Migration } from './migration';

/**
 * v2: every entry gets a `matchMode` (v1 entries matched exactly; the field makes the human's choice
 * of a wider match explicit) and `originKeys`, the lookup keys derived from its origins, with a
 * multiEntry index over them, so that finding the entries of an origin no longer decrypts or scans
 * the whole vault. Ciphertexts are untouched: their additional data omits `matchMode` when it is
 * `exact`, so v1 records keep authenticating.
 */
export const v2OriginIndex: Migration = {
  version: 2,
  description: 'Add matchMode and an origin index to entries',
  async up(_db, tx) {
    const entries = tx.objectStore('entries');
    let cursor = await entries.openCursor();
    while (cursor) {
      const record = cursor.value as { origins?: unknown; matchMode?: unknown };
      if (Array.isArray(record.origins)) {
        const origins = record.origins.filter((origin): origin is string => typeof origin === 'string');
        await cursor.update({ ...record, matchMode: 'exact', originKeys: entryIndexKeys(origins, 'exact') });
      }
      // A record without origins is left as it is: the vault reports it as corrupt instead of guessing.
      cursor = await cursor.continue();
    }
    entries.createIndex('by-origin', 'originKeys', { multiEntry: true });
    await tx.objectStore('meta').put({ version: 2, migratedAt: Date.now() }, 'schema');
  },
};
