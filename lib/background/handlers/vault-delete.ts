import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { requireEditSession } from './require-edit-session';
import { listing } from './vault-list';

/** Inside the page's edit session only (see `vault.beginEdit`). */
export function vaultDelete(services: VaultServices, sessions: VaultEditSessions): Handler<'vault.delete'> {
  return {
    parse: (payload) => ({ id: stringField(objectPayload(payload), 'id', 64) }),
    async handle({ id }, sender) {
      await requireEditSession(sessions, services, sender, 'vault.delete');
      await (await services.vault()).delete(id);
      await services.record({ kind: 'entry-deleted', entryId: id });
      return listing(services);
    },
  };
}
