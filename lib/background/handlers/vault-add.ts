import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';
import { parseEntryInput } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { requireEditSession } from './require-edit-session';
import { listing } from './vault-list';

/** Inside the page's edit session only (see `vault.beginEdit`). */
export function vaultAdd(services: VaultServices, sessions: VaultEditSessions): Handler<'vault.add'> {
  return {
    parse: parseEntryInput,
    async handle(input, sender) {
      await requireEditSession(sessions, services, sender, 'vault.add');
      const added = await (await services.vault()).add(input);
      await services.record({ kind: 'entry-added', entryId: added.id });
      return listing(services);
    },
  };
}
