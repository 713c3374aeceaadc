import type { Handler } from '../../messaging/router';
import { parseEntryInput } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { listing } from './vault-list';

export function vaultAdd(services: VaultServices): Handler<'vault.add'> {
  return {
    parse: parseEntryInput,
    async handle(input) {
      const added = await (await services.vault()).add(input);
      await services.record({ kind: 'entry-added', entryId: added.id });
      return listing(services);
    },
  };
}
