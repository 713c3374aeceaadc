import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { requireEditSession } from './require-edit-session';

/** Inside the page's edit session only, like every other vault edit. */
export function vaultImportEncrypted(services: VaultServices, sessions: VaultEditSessions): Handler<'vault.importEncrypted'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { text: stringField(record, 'text', 256 * 1024 * 1024), exportPassword: stringField(record, 'exportPassword', 4096) };
    },
    async handle({ text, exportPassword }, sender) {
      await requireEditSession(sessions, services, sender, 'vault.importEncrypted');
      const outcome = await (await services.vault()).importEncrypted(text, exportPassword);
      await services.record({ kind: 'entries-imported', reason: 'encrypted export', details: { added: outcome.added, duplicates: outcome.duplicates } });
      return outcome;
    },
  };
}
