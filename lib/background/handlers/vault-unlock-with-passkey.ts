import { fromBase64Url } from '../../encoding/base64url';
import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';
import { credentialIdField, prfField } from './vault-passkey-fields';

/**
 * Unlocks with the PRF output the page's WebAuthn ceremony obtained. Only the enrolled authenticator can
 * produce the output that unwraps the key: an unknown credential or a wrong output unlocks nothing.
 */
export function vaultUnlockWithPasskey(services: VaultServices, takeover: TakeoverService): Handler<'vault.unlockWithPasskey'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { credentialId: credentialIdField(record), prfOutput: prfField(record, 'prfOutput') };
    },
    async handle({ credentialId, prfOutput }, sender) {
      try {
        await (await services.vault()).unlockWithPasskey(credentialId, fromBase64Url(prfOutput));
      } catch (error) {
        if (!(error instanceof AirlockError)) throw error;
        await services.record({ kind: 'vault-unlock-failed', reason: error.code, details: { from: sender.kind, via: 'passkey' } });
        // The vault says "wrong password" for an output that does not unwrap; for the human, it is the wrong passkey.
        throw error.code === 'VAULT_WRONG_PASSWORD' ? new AirlockError('VAULT_PASSKEY_UNKNOWN', 'This passkey does not unlock the vault') : error;
      }
      await services.record({ kind: 'vault-unlocked', details: { from: sender.kind, via: 'passkey' } });
      return takeover.status();
    },
  };
}
