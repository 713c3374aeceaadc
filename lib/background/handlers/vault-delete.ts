import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { listing } from './vault-list';

export function vaultDelete(services: VaultServices): Handler<'vault.delete'> {
  return {
    parse: (payload) => ({ id: stringField(objectPayload(payload), 'id', 64) }),
    async handle({ id }) {
      await (await services.vault()).delete(id);
      await services.record({ kind: 'entry-deleted', entryId: id });
      return listing(services);
    },
  };
}
