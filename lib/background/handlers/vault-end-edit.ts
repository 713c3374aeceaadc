import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import type { Handler } from '../../messaging/router';

export function vaultEndEdit(sessions: VaultEditSessions): Handler<'vault.endEdit'> {
  return {
    parse: () => ({}),
    async handle(_request, sender) {
      await sessions.close(sender);
      return { until: null };
    },
  };
}
