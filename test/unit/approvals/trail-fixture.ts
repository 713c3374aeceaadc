import { fakeBrowser } from 'wxt/testing';
import { AuditTrail } from '../../../lib/approvals/audit-trail';
import { AuditLog } from '../../../lib/vault/audit-log';
import { openVaultDb } from '../../../lib/vault/vault-store';
import { uniqueDbName } from '../vault/vault-fixture';

/** A step-up trail on the real audit log, in a database of its own (fake-indexeddb). */
export function testTrail(): AuditTrail {
  const log = openVaultDb(uniqueDbName()).then((db) => new AuditLog(db));
  return new AuditTrail(fakeBrowser.storage.local, () => log);
}
