import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import { parseEntryInput } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { requireEditSession } from './require-edit-session';
import type { ImportProgress } from '../../takeover/views';
import { STORAGE_ITEMS } from '../../storage/items';

const MAX_ROWS = 100_000;

/**
 * Writes the rows of a CSV preview the human confirmed, in one transaction: all or none, and only
 * inside the page's edit session (see `vault.beginEdit`). Progress
 * goes to storage.session, where the options page watches it.
 */
export function vaultImport(services: VaultServices, sessions: VaultEditSessions, session: { set(items: Record<string, unknown>): Promise<void> }): Handler<'vault.import'> {
  const progress = (value: ImportProgress) => session.set({ [STORAGE_ITEMS.vaultImportProgress.key]: value }).catch(() => undefined);
  return {
    parse(payload) {
      const rows = objectPayload(payload).rows;
      if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_ROWS) throw new AirlockError('MESSAGE_MALFORMED', 'rows must be a non-empty list');
      return { rows: rows.map(parseEntryInput) };
    },
    async handle({ rows }, sender) {
      await requireEditSession(sessions, services, sender, 'vault.import');
      const vault = await services.vault();
      await progress({ done: 0, total: rows.length, finished: false });
      try {
        const { added } = await vault.importEntries(rows, (done, total) => void progress({ done, total, finished: false }));
        await services.record({ kind: 'entries-imported', reason: 'csv', details: { added } });
        return { added };
      } finally {
        await progress({ done: rows.length, total: rows.length, finished: true });
      }
    },
  };
}
