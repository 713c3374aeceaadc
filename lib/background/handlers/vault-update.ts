import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { parseEntryPatch, stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';
import { listing } from './vault-list';

export function vaultUpdate(services: VaultServices): Handler<'vault.update'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 64), patch: parseEntryPatch(record.patch) };
    },
    async handle({ id, patch }) {
      await (await services.vault()).update(id, patch);
      await services.record({ kind: 'entry-updated', entryId: id });
      return listing(services);
    },
  };
}
