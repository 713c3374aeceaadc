import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';

export function vaultCreate(services: VaultServices, takeover: TakeoverService): Handler<'vault.create'> {
  return {
    parse: (payload) => ({ password: stringField(objectPayload(payload), 'password', 4096) }),
    async handle({ password }) {
      await (await services.vault()).create(password);
      await services.noteExisting();
      await services.record({ kind: 'vault-created' });
      return takeover.status();
    },
  };
}
