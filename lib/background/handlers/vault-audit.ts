import type { Handler } from '../../messaging/router';
import type { VaultServices } from '../../takeover/vault-service';
import type { AuditRecordView } from '../../takeover/views';

export function vaultAudit(services: VaultServices): Handler<'vault.audit'> {
  return {
    parse: () => ({}),
    async handle() {
      const log = await services.audit();
      const [entries, verdict] = await Promise.all([log.entries(), log.verify()]);
      return {
        entries: entries as AuditRecordView[],
        verdict: verdict.ok ? { ok: true, count: verdict.count } : { ok: false, problem: verdict.problem, seq: verdict.seq },
      };
    },
  };
}
