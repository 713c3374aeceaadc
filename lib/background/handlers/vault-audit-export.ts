import type { Handler } from '../../messaging/router';
import type { VaultServices } from '../../takeover/vault-service';

export function vaultAuditExport(services: VaultServices): Handler<'vault.auditExport'> {
  return { parse: () => ({}), handle: async () => ({ json: await (await services.audit()).exportJson() }) };
}
