import type { Handler } from '../../messaging/router';
import { objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { VaultServices } from '../../takeover/vault-service';

/**
 * An encrypted export. The master password is asked again (a wrong one throws VAULT_WRONG_PASSWORD
 * and changes nothing): an unlocked vault in a tab someone else drives must not hand out its secrets.
 */
export function vaultExport(services: VaultServices): Handler<'vault.export'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { masterPassword: stringField(record, 'masterPassword', 4096), exportPassword: stringField(record, 'exportPassword', 4096) };
    },
    async handle({ masterPassword, exportPassword }) {
      const vault = await services.vault();
      await vault.unlock(masterPassword);
      const result = await vault.exportEncrypted(exportPassword);
      await services.noteExport();
      await services.record({ kind: 'vault-exported', details: { exported: result.exported, damaged: result.corrupt.length } });
      return { text: result.text, exported: result.exported, corrupt: result.corrupt.length };
    },
  };
}
