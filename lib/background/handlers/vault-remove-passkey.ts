import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import type { VaultServices } from '../../takeover/vault-service';
import { credentialIdField } from './vault-passkey-fields';
import { vaultPasskeyViews } from './vault-passkeys';

/** Removes a passkey's way into the vault (the vault must be unlocked); the master password still opens it. */
export function vaultRemovePasskey(services: VaultServices): Handler<'vault.removePasskey'> {
  return {
    parse: (payload) => ({ credentialId: credentialIdField(objectPayload(payload)) }),
    async handle({ credentialId }, sender) {
      const vault = await services.vault();
      await vault.removePasskey(credentialId);
      await services.record({ kind: 'vault-passkey-removed', details: { from: sender.kind } });
      return vaultPasskeyViews(await vault.passkeys());
    },
  };
}
