import { AuditLog, type AuditEvent } from '../vault/audit-log';
import { openVaultDb } from '../vault/vault-store';

export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

/**
 * Appends the broker's events to Airlock's tamper-evident audit log (kept in the vault database).
 * The log refuses anything shaped like a secret; the broker only ever passes origins, scope names,
 * flow ids and reason codes. A failed append is reported by its error name only and never blocks a
 * refusal: refusing is the safe outcome either way.
 */
export function vaultAuditSink(): AuditSink {
  let log: Promise<AuditLog> | null = null;
  return {
    async record(event) {
      try {
        log ??= openVaultDb().then((db) => new AuditLog(db));
        await (await log).append(event);
      } catch (error) {
        log = null;
        console.error('Airlock audit append failed:', (error as Error | null)?.name ?? 'unknown');
      }
    },
  };
}
