import type { Handler } from '../../messaging/router';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';

export function vaultLock(services: VaultServices, takeover: TakeoverService): Handler<'vault.lock'> {
  return {
    parse: () => ({}),
    async handle() {
      await (await services.vault()).lock('manual');
      return takeover.status();
    },
  };
}
