import type { KeyValueArea } from '../agent/registry';
import { AirlockError } from '../errors/airlock-error';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import type { StoredPasskey } from '../webauthn/types';
import { SUPPORTED_ALGORITHMS } from '../webauthn/types';
import { verifyAssertion } from '../webauthn/verify-assertion';
import { verifyRegistration } from '../webauthn/verify-registration';
import type { AuditTrail } from './audit-trail';
import type { ApprovalReceipt, AssertionJSON, AssertionOptionsJSON, FactorPurpose, PasskeyView, ReceiptCheck, RegistrationJSON, RegistrationOptionsJSON } from './messages';
import { verifyReceipt } from './verify-receipt';
import { PasskeyStore } from './passkey-store';
import { STORAGE_ITEMS } from '../storage/items';

export interface PasskeyServiceDeps {
  local: KeyValueArea;
  session: KeyValueArea;
  audit: AuditTrail;
  now(): number;
  randomBytes(length: number): Uint8Array;
  /** The RP ID credentials are scoped to: the extension ID. */
  rpId: string;
  /** Every form of the RP ID an authenticator may have hashed (Chromium uses the extension origin). */
  rpIdHashSources?: readonly string[];
  /** Airlock's origin, the only origin an assertion may come from. */
  origin: string;
}

type ChallengePurpose = 'register' | 'enroll-factor' | FactorPurpose;

interface IssuedChallenge {
  purpose: ChallengePurpose;
  subject: string;
  expiresAt: number;
}

/** One-time challenges for enrollment and for the factor that guards changes, in `storage.session`. */
export const CHALLENGES_KEY = STORAGE_ITEMS.stepUpChallenges.key;
const CHALLENGE_TTL_MS = 5 * 60_000;
export const CEREMONY_TIMEOUT_MS = 120_000;
const NAME = /^[^\p{Cc}]{1,64}$/u;

export function checkPasskeyName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name.trim())) throw new AirlockError('MESSAGE_MALFORMED', 'name must be 1-64 printable characters');
  return name.trim();
}

function challengeOf(clientDataJSON: string, code: 'ASSERTION_INVALID' | 'REGISTRATION_INVALID'): string {
  try {
    const data = JSON.parse(new TextDecoder().decode(fromBase64Url(clientDataJSON))) as { challenge?: unknown };
    if (typeof data.challenge === 'string') return data.challenge;
  } catch {
    // Reported below.
  }
  throw new AirlockError(code, 'clientDataJSON carries no challenge');
}

const view = (p: StoredPasskey): PasskeyView => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt });

/**
 * Enrolled authenticators and every check that a human decision was made with one of them. The
 * first passkey needs the vault's master password (checked by the `passkey.enroll` handler through
 * the human-confirmation service); each later enrollment, and each removal, needs an assertion from
 * one already enrolled, so that whoever drives an Airlock tab cannot add their own.
 */
export class PasskeyService {
  readonly store: PasskeyStore;

  constructor(private readonly deps: PasskeyServiceDeps) {
    this.store = new PasskeyStore(deps.local);
  }

  private rpIds(): readonly string[] {
    return this.deps.rpIdHashSources ?? [this.deps.rpId];
  }

  async list(): Promise<PasskeyView[]> {
    return (await this.store.list()).map(view);
  }

  /** Assertion options for `challenge` that only enrolled authenticators can answer. */
  async assertionOptions(challenge: string): Promise<AssertionOptionsJSON> {
    const passkeys = await this.store.list();
    return {
      challenge,
      rpId: this.deps.rpId,
      allowCredentials: passkeys.map((p) => ({ id: p.id, type: 'public-key' as const })),
      userVerification: 'required',
      timeout: CEREMONY_TIMEOUT_MS,
    };
  }

  private async issue(purpose: ChallengePurpose, subject: string): Promise<string> {
    const challenge = toBase64Url(this.deps.randomBytes(32));
    const now = this.deps.now();
    const stored = ((await this.deps.session.get(CHALLENGES_KEY))[CHALLENGES_KEY] as Record<string, IssuedChallenge> | undefined) ?? {};
    for (const [key, c] of Object.entries(stored)) if (c.expiresAt < now) delete stored[key];
    stored[challenge] = { purpose, subject, expiresAt: now + CHALLENGE_TTL_MS };
    await this.deps.session.set({ [CHALLENGES_KEY]: stored });
    return challenge;
  }

  /** Takes a challenge out of the store (one use), checking what it was issued for. */
  private async redeem(challenge: string, purpose: ChallengePurpose, subject: string, code: 'ASSERTION_INVALID' | 'REGISTRATION_INVALID'): Promise<void> {
    const stored = ((await this.deps.session.get(CHALLENGES_KEY))[CHALLENGES_KEY] as Record<string, IssuedChallenge> | undefined) ?? {};
    const issued = stored[challenge];
    if (!issued) throw new AirlockError('ASSERTION_REPLAYED', 'challenge unknown or already used');
    delete stored[challenge];
    await this.deps.session.set({ [CHALLENGES_KEY]: stored });
    if (issued.expiresAt < this.deps.now()) throw new AirlockError('APPROVAL_EXPIRED', 'challenge expired');
    if (issued.purpose !== purpose || issued.subject !== subject) throw new AirlockError(code, 'challenge was issued for something else');
  }

  async registrationOptions(name: string): Promise<{ options: RegistrationOptionsJSON; factor: AssertionOptionsJSON | null }> {
    const passkeys = await this.store.list();
    const challenge = await this.issue('register', '');
    const factor = passkeys.length > 0 ? await this.assertionOptions(await this.issue('enroll-factor', challenge)) : null;
    return {
      options: {
        challenge,
        rp: { id: this.deps.rpId, name: 'Airlock' },
        user: { id: toBase64Url(this.deps.randomBytes(16)), name, displayName: name },
        pubKeyCredParams: SUPPORTED_ALGORITHMS.map((alg) => ({ type: 'public-key' as const, alg })),
        excludeCredentials: passkeys.map((p) => ({ id: p.id, type: 'public-key' as const })),
        authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
        attestation: 'none',
        timeout: CEREMONY_TIMEOUT_MS,
      },
      factor,
    };
  }

  async enroll(registration: RegistrationJSON, name: string, factor: AssertionJSON | null): Promise<PasskeyView[]> {
    const challenge = challengeOf(registration.response?.clientDataJSON, 'REGISTRATION_INVALID');
    const existing = await this.store.list();
    if (existing.length > 0) {
      if (!factor) {
        await this.deps.audit.append({ at: this.deps.now(), event: 'refused', code: 'ENROLLMENT_REQUIRES_FACTOR', detail: 'enroll' });
        throw new AirlockError('ENROLLMENT_REQUIRES_FACTOR', 'Confirm with a passkey you already enrolled');
      }
      await this.verifyFactor(factor, 'enroll-factor', challenge);
    }
    await this.redeem(challenge, 'register', '', 'REGISTRATION_INVALID');
    const verified = await verifyRegistration(registration, { challenge: fromBase64Url(challenge), origin: this.deps.origin, rpId: this.rpIds() });
    const passkeys = await this.store.list();
    if (passkeys.some((p) => p.id === verified.id)) throw new AirlockError('REGISTRATION_INVALID', 'this passkey is already enrolled');
    passkeys.push({ ...verified, name, createdAt: this.deps.now(), lastUsedAt: null });
    await this.store.save(passkeys);
    await this.deps.audit.append({ at: this.deps.now(), event: 'enrolled', detail: verified.id });
    return passkeys.map(view);
  }

  async rename(id: string, name: string): Promise<PasskeyView[]> {
    if (!(await this.store.get(id))) throw new AirlockError('AUTHENTICATOR_UNKNOWN', 'No such passkey');
    await this.store.update(id, { name });
    return this.list();
  }

  async factorOptions(purpose: FactorPurpose, subject: string): Promise<AssertionOptionsJSON> {
    if ((await this.store.list()).length === 0) throw new AirlockError('STEP_UP_UNAVAILABLE', 'Enroll a passkey first');
    return this.assertionOptions(await this.issue(purpose, subject));
  }

  /** Verifies an assertion made for a challenge issued for `purpose` and `subject`. */
  async verifyFactor(assertion: AssertionJSON, purpose: ChallengePurpose, subject: string): Promise<StoredPasskey> {
    const challenge = challengeOf(assertion.response?.clientDataJSON, 'ASSERTION_INVALID');
    try {
      await this.redeem(challenge, purpose, subject, 'ASSERTION_INVALID');
      return await this.verify(assertion, fromBase64Url(challenge));
    } catch (error) {
      await this.deps.audit.append({ at: this.deps.now(), event: 'refused', code: (error as AirlockError).code ?? 'INTERNAL', detail: purpose });
      throw error;
    }
  }

  /** Checks a receipt from the audit log against the passkey that signed it (if it is still enrolled). */
  async checkReceipt(receipt: ApprovalReceipt): Promise<ReceiptCheck> {
    const passkey = (await this.store.list()).find((p) => p.id === receipt.credentialId);
    if (!passkey) return { result: 'key-removed', passkey: null };
    return { result: (await verifyReceipt(receipt, passkey, this.deps.origin, this.rpIds())) ? 'valid' : 'invalid', passkey: passkey.name };
  }

  async remove(id: string, factor: AssertionJSON): Promise<PasskeyView[]> {
    await this.verifyFactor(factor, 'remove-passkey', id);
    const passkeys = await this.store.list();
    await this.store.save(passkeys.filter((p) => p.id !== id));
    await this.deps.audit.append({ at: this.deps.now(), event: 'removed', detail: id });
    return this.list();
  }

  /**
   * The one check behind every human decision: the assertion comes from an enrolled authenticator,
   * signs `challenge` for Airlock's origin and RP ID with user verification, and was never used before.
   */
  async verify(assertion: AssertionJSON, challenge: Uint8Array): Promise<StoredPasskey> {
    const signature = typeof assertion?.response?.signature === 'string' ? assertion.response.signature : '';
    const signatureHash = toBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(signature))));
    if (await this.deps.audit.seen(signatureHash)) throw new AirlockError('ASSERTION_REPLAYED', 'This confirmation was already used');
    const passkey = typeof assertion?.id === 'string' ? await this.store.get(assertion.id) : null;
    if (!passkey) throw new AirlockError('AUTHENTICATOR_UNKNOWN', 'This authenticator is not enrolled in Airlock');
    const verified = await verifyAssertion(assertion, passkey, { challenge, origin: this.deps.origin, rpId: this.rpIds() });
    await this.deps.audit.markSeen(signatureHash);
    await this.store.update(passkey.id, { signCount: verified.signCount, lastUsedAt: this.deps.now() });
    return passkey;
  }
}
