import { parseProof } from '../../approvals/parse';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/** One human confirmation (passkey, else the master password) opens a short edit session for this page. */
export function vaultBeginEdit(confirmation: HumanConfirmation, sessions: VaultEditSessions): Handler<'vault.beginEdit'> {
  return {
    parse: (payload) => ({ proof: parseProof(objectPayload(payload).proof) }),
    async handle({ proof }, sender) {
      await confirmation.confirm({ purpose: 'vault-edit' }, proof, sender);
      return { until: await sessions.open(sender) };
    },
  };
}
