import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';

export function vaultUnlock(services: VaultServices, takeover: TakeoverService): Handler<'vault.unlock'> {
  return {
    parse: (payload) => ({ password: stringField(objectPayload(payload), 'password', 4096) }),
    async handle({ password }, sender) {
      try {
        await (await services.vault()).unlock(password);
      } catch (error) {
        if (error instanceof AirlockError) await services.record({ kind: 'vault-unlock-failed', reason: error.code, details: { from: sender.kind } });
        throw error;
      }
      await services.record({ kind: 'vault-unlocked', details: { from: sender.kind } });
      return takeover.status();
    },
  };
}
