import { AirlockError } from '../errors/airlock-error';
import type { AuditEvent } from '../vault/audit-log';
import { confirmationSubject, type ConfirmationTarget } from './confirmation-subject';
import type { ConfirmationMethod, ConfirmPurpose, HumanProof } from './messages';
import type { PasskeyService } from './passkey-service';
import { PROTECTIONS } from '../security/protections';

/** The vault as far as a confirmation needs it: whether it exists, and a password check that unlocks nothing. */
export interface PasswordVault {
  isCreated(): Promise<boolean>;
  verifyPassword(masterPassword: string): Promise<void>;
}

export interface HumanConfirmationDeps {
  passkeys: Pick<PasskeyService, 'verifyFactor'> & { store: { list(): Promise<readonly unknown[]>; unverified?(): Promise<boolean> } };
  vault(): Promise<PasswordVault>;
  /** Appends to the hash-chained audit log. */
  record(event: AuditEvent): Promise<unknown>;
}

/** Where Airlock has no factor at all, these decisions may still go ahead on a click, audited as unconfirmed. */
const CLICK_WITHOUT_FACTOR: ReadonlySet<ConfirmPurpose> = new Set(['oauth-continue', 'token-approve', 'credential-release']);
/** The human's choice of entry stays a toolbar-popup click unless a passkey is enrolled (see README). */
const PASSKEY_OR_CLICK: ReadonlySet<ConfirmPurpose> = new Set(['credential-release']);

/** How a confirmation is written in the audit log: the master password is named as the weaker proof. */
const AUDIT_REASON: Record<Exclude<ConfirmationMethod, 'unavailable' | 'unlock-first'>, string> = {
  passkey: 'HUMAN_CONFIRMED_PASSKEY',
  'master-password': 'HUMAN_CONFIRMED_MASTER_PASSWORD_WEAKER',
  none: 'UNCONFIRMED_CLICK',
};

/**
 * Proves that a human decision made on one of Airlock's pages was the human's: a page an agent opened,
 * or a harness clicking through CDP, can send the same message but cannot produce the proof. The proof
 * is an assertion from an enrolled passkey (user verification required, challenge issued for exactly
 * this decision, used once) or, only while no passkey is enrolled, the vault's master password.
 */
export class HumanConfirmation {
  constructor(private readonly deps: HumanConfirmationDeps) {}

  /** What the decision needs right now. Decided again when the proof arrives, never trusted from the page. */
  async method(purpose: ConfirmPurpose): Promise<ConfirmationMethod> {
    if ((await this.deps.passkeys.store.list()).length > 0) return 'passkey';
    // Enrolled, but not yet checkable (a restarted worker): the master password must not stand in for
    // the passkey; an unlock (which restores the check) comes first.
    if (PROTECTIONS.sealedAuthority && (await this.deps.passkeys.store.unverified?.())) return 'unlock-first';
    // A click proves nothing: the popup and the side panel can be scripted by an Airlock page an
    // agent opened in a tab (docs/threat-model.md). Without a passkey the master password stands in.
    if (!PROTECTIONS.provenDecisions && PASSKEY_OR_CLICK.has(purpose)) return 'none';
    if (await (await this.deps.vault()).isCreated()) return 'master-password';
    return !PROTECTIONS.provenDecisions && CLICK_WITHOUT_FACTOR.has(purpose) ? 'none' : 'unavailable';
  }

  /**
   * Checks `proof` for `target` and records the outcome (the method, never the password). Returns the
   * method used; throws CONFIRMATION_REQUIRED, VAULT_WRONG_PASSWORD, VAULT_NOT_CREATED or the passkey
   * check's own code (ASSERTION_INVALID, ASSERTION_REPLAYED, AUTHENTICATOR_UNKNOWN, APPROVAL_EXPIRED).
   */
  async confirm(target: ConfirmationTarget, proof: HumanProof | null, where: { tabId?: number | null } = {}): Promise<ConfirmationMethod> {
    const method = await this.method(target.purpose);
    const subject = confirmationSubject(target);
    const context = { ...(typeof where.tabId === 'number' ? { tabId: where.tabId } : {}) };
    try {
      await this.check(method, target.purpose, subject, proof);
    } catch (error) {
      const code = error instanceof AirlockError ? error.code : 'INTERNAL';
      await this.deps.record({ ...context, kind: 'refusal', reason: code, details: { confirmation: method, purpose: target.purpose, subject: subject.slice(0, 400) } });
      throw error;
    }
    const outcome = method as Exclude<ConfirmationMethod, 'unavailable' | 'unlock-first'>;
    await this.deps.record({ ...context, kind: 'approval', reason: AUDIT_REASON[outcome], details: { confirmation: outcome, purpose: target.purpose, subject: subject.slice(0, 400) } });
    return outcome;
  }

  private async check(method: ConfirmationMethod, purpose: ConfirmPurpose, subject: string, proof: HumanProof | null): Promise<void> {
    if (method === 'unavailable') throw new AirlockError('VAULT_NOT_CREATED', 'Create the vault first: its master password confirms this');
    if (method === 'unlock-first') throw new AirlockError('VAULT_LOCKED', 'Unlock the vault first: Airlock checks your enrolled passkeys against it');
    if (method === 'none') return;
    if (method === 'passkey') {
      if (proof?.kind !== 'passkey') throw new AirlockError('CONFIRMATION_REQUIRED', 'Confirm with your passkey');
      await this.deps.passkeys.verifyFactor(proof.assertion, purpose, subject);
      return;
    }
    if (proof?.kind !== 'master-password') throw new AirlockError('CONFIRMATION_REQUIRED', 'Confirm with the master password');
    await (await this.deps.vault()).verifyPassword(proof.password);
  }
}
