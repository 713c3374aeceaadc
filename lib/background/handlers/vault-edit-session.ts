import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';

export function vaultEditSession(sessions: VaultEditSessions): Handler<'vault.editSession'> {
  return {
    parse: () => ({}),
    handle: async (_request, sender) => ({ until: await sessions.until(sender) }),
  };
}
