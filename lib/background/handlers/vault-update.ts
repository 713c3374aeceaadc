import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { parseEntryPatch, stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { requireEditSession } from './require-edit-session';
import { listing } from './vault-list';

/** Inside the page's edit session only (see `vault.beginEdit`). */
export function vaultUpdate(services: VaultServices, sessions: VaultEditSessions): Handler<'vault.update'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 64), patch: parseEntryPatch(record.patch) };
    },
    async handle({ id, patch }, sender) {
      await requireEditSession(sessions, services, sender, 'vault.update');
      await (await services.vault()).update(id, patch);
      await services.record({ kind: 'entry-updated', entryId: id });
      return listing(services);
    },
  };
}
