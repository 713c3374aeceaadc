import type { HumanConfirmation } from '../../approvals/human-confirmation';
import type { VaultEditSessions } from '../../approvals/vault-edit-sessions';
import { AirlockError } from '../../errors/airlock-error';
import type { Handler, Handlers } from '../../messaging/router';
import type { TakeoverService } from '../../takeover/takeover-service';
import type { VaultServices } from '../../takeover/vault-service';
import type { IdleLockSetting } from '../../vault/idle-lock';
import { credentialDecide } from './credential-decide';
import { credentialHumanFill, credentialHumanFillCode } from './credential-human-fill';
import { credentialHumanOffer } from './credential-human-offer';
import { credentialPending } from './credential-pending';
import { credentialInPageSites, credentialRevokeInPage } from './credential-in-page';
import { credentialPolicies } from './credential-policies';
import { credentialRequest } from './credential-request';
import { credentialSubmit } from './credential-submit';
import { credentialRevokePolicy } from './credential-revoke-policy';
import { vaultAdd } from './vault-add';
import { vaultAddPasskey } from './vault-add-passkey';
import { vaultAudit } from './vault-audit';
import { vaultBeginEdit } from './vault-begin-edit';
import { vaultAuditExport } from './vault-audit-export';
import { vaultChangePassword } from './vault-change-password';
import { vaultCreate } from './vault-create';
import { vaultDelete } from './vault-delete';
import { vaultEditSession } from './vault-edit-session';
import { vaultEndEdit } from './vault-end-edit';
import { vaultExport } from './vault-export';
import { vaultIdleLock, vaultSetIdleLock } from './vault-idle-lock';
import { vaultImport } from './vault-import';
import { vaultImportEncrypted } from './vault-import-encrypted';
import { vaultList } from './vault-list';
import { vaultPasskeys } from './vault-passkeys';
import { vaultRemovePasskey } from './vault-remove-passkey';
import { vaultLock } from './vault-lock';
import { vaultStatus } from './vault-status';
import { vaultUnlock } from './vault-unlock';
import { vaultUnlockWithPasskey } from './vault-unlock-with-passkey';
import { vaultUpdate } from './vault-update';

export interface VaultHandlerServices {
  vault: VaultServices;
  takeover: TakeoverService;
  session: { set(items: Record<string, unknown>): Promise<void> };
  confirmation: HumanConfirmation;
  editSessions: VaultEditSessions;
  idleLock: IdleLockSetting;
}

export type VaultKind = Extract<keyof Handlers, `vault.${string}` | `credential.${string}`>;

/** Handlers of the vault and of credential takeover. */
export function buildVaultHandlers({ vault, takeover, session, confirmation, editSessions, idleLock }: VaultHandlerServices): Pick<Handlers, VaultKind> {
  return {
    'vault.idleLock': vaultIdleLock(idleLock),
    'vault.setIdleLock': vaultSetIdleLock(vault, idleLock, editSessions),
    'vault.status': vaultStatus(takeover),
    'vault.create': vaultCreate(vault, takeover),
    'vault.unlock': vaultUnlock(vault, takeover),
    'vault.lock': vaultLock(vault, takeover),
    'vault.changePassword': vaultChangePassword(vault, takeover),
    'vault.beginEdit': vaultBeginEdit(confirmation, editSessions),
    'vault.editSession': vaultEditSession(editSessions),
    'vault.endEdit': vaultEndEdit(editSessions),
    'vault.list': vaultList(vault),
    'vault.add': vaultAdd(vault, editSessions),
    'vault.update': vaultUpdate(vault, editSessions),
    'vault.delete': vaultDelete(vault, editSessions),
    'vault.import': vaultImport(vault, editSessions, session),
    'vault.export': vaultExport(vault),
    'vault.importEncrypted': vaultImportEncrypted(vault, editSessions),
    'vault.audit': vaultAudit(vault),
    'vault.auditExport': vaultAuditExport(vault),
    'credential.request': credentialRequest(takeover),
    'credential.submit': credentialSubmit(takeover),
    'credential.pending': credentialPending(takeover),
    'credential.decide': credentialDecide(takeover, confirmation),
    'credential.humanOffer': credentialHumanOffer(takeover),
    'credential.humanFill': credentialHumanFill(takeover),
    'credential.policies': credentialPolicies(takeover),
    'credential.revokePolicy': credentialRevokePolicy(takeover),
    'credential.inPageSites': credentialInPageSites(takeover),
    'credential.revokeInPage': credentialRevokeInPage(takeover),
    'vault.passkeys': vaultPasskeys(vault),
    'vault.addPasskey': vaultAddPasskey(vault),
    'vault.removePasskey': vaultRemovePasskey(vault),
    'vault.unlockWithPasskey': vaultUnlockWithPasskey(vault, takeover),
    'credential.humanFillCode': credentialHumanFillCode(takeover),
  };
}

/** Stand-ins where the vault is not wired (unit tests of the router): every vault kind refuses. */
export function unavailableVaultHandlers(): Pick<Handlers, VaultKind> {
  const refuse: Handler<VaultKind> = {
    parse: () => {
      throw new AirlockError('INTERNAL', 'The vault is not running');
    },
    handle: () => Promise.reject(new AirlockError('INTERNAL', 'The vault is not running')),
  };
  const kinds: VaultKind[] = [
    'vault.idleLock', 'vault.setIdleLock', 'vault.status', 'vault.create', 'vault.unlock', 'vault.lock', 'vault.changePassword', 'vault.beginEdit', 'vault.editSession', 'vault.endEdit', 'vault.list', 'vault.add', 'vault.update',
    'vault.delete', 'vault.import', 'vault.export', 'vault.importEncrypted', 'vault.audit', 'vault.auditExport', 'credential.request',
    'credential.submit', 'credential.pending', 'credential.decide', 'credential.humanOffer', 'credential.humanFill', 'credential.policies', 'credential.revokePolicy',
    'credential.inPageSites', 'credential.revokeInPage',
    'vault.passkeys', 'vault.addPasskey', 'vault.removePasskey', 'vault.unlockWithPasskey', 'credential.humanFillCode',
  ];
  return Object.fromEntries(kinds.map((k) => [k, refuse])) as unknown as Pick<Handlers, VaultKind>;
}
