import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';

export function vaultChangePassword(services: VaultServices, takeover: TakeoverService): Handler<'vault.changePassword'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { oldPassword: stringField(record, 'oldPassword', 4096), newPassword: stringField(record, 'newPassword', 4096) };
    },
    async handle({ oldPassword, newPassword }) {
      await (await services.vault()).changePassword(oldPassword, newPassword);
      await services.record({ kind: 'password-changed' });
      return takeover.status();
    },
  };
}
