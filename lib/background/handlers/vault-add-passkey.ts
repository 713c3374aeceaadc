import { fromBase64Url } from '../../encoding/base64url';
import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { credentialIdField, prfField } from './vault-passkey-fields';
import { vaultPasskeyViews } from './vault-passkeys';

/**
 * Wraps the vault key under a passkey's PRF output (WebAuthn L3 §10.1.4). The master password is asked
 * again (a wrong one throws VAULT_WRONG_PASSWORD and changes nothing): an unlocked vault left open must
 * not let someone add their own way in.
 */
export function vaultAddPasskey(services: VaultServices): Handler<'vault.addPasskey'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return {
        masterPassword: stringField(record, 'masterPassword', 4096),
        credentialId: credentialIdField(record),
        prfInput: prfField(record, 'prfInput'),
        prfOutput: prfField(record, 'prfOutput'),
      };
    },
    async handle({ masterPassword, credentialId, prfInput, prfOutput }, sender) {
      const vault = await services.vault();
      await vault.addPasskey(masterPassword, credentialId, fromBase64Url(prfInput), fromBase64Url(prfOutput));
      await services.record({ kind: 'vault-passkey-added', details: { from: sender.kind } });
      return vaultPasskeyViews(await vault.passkeys());
    },
  };
}
