/**
 * Payload types of the step-up messages (approvals, passkeys, site policies). Types only, with no
 * dependencies beyond the canonical action, because the message contract (which the content script
 * reaches) refers to them.
 */
import type { ActionClaim, ActionKind, ActionTopic, CanonicalAction } from './canonical-action';

/** W3C WebAuthn L3 §5.1 `toJSON()` form of an assertion. */
export interface AssertionJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    userHandle?: string;
  };
}

/** A registration as @simplewebauthn/browser returns it, with the SPKI public key (`getPublicKey()`). */
export interface RegistrationJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    publicKey: string;
    publicKeyAlgorithm: number;
    transports?: string[];
  };
}

/** Options for `navigator.credentials.get`, in JSON form. */
export interface AssertionOptionsJSON {
  challenge: string;
  rpId: string;
  allowCredentials: Array<{ id: string; type: 'public-key' }>;
  userVerification: 'required';
  timeout: number;
}

/** Options for `navigator.credentials.create`, in JSON form. */
export interface RegistrationOptionsJSON {
  challenge: string;
  rp: { id: string; name: string };
  user: { id: string; name: string; displayName: string };
  pubKeyCredParams: Array<{ type: 'public-key'; alg: number }>;
  excludeCredentials: Array<{ id: string; type: 'public-key' }>;
  authenticatorSelection: { userVerification: 'required'; residentKey: 'preferred' };
  attestation: 'none';
  timeout: number;
}

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'void' | 'consumed';

/** What the popup shows for one approval. */
export interface ApprovalView {
  id: string;
  status: ApprovalStatus;
  action: CanonicalAction;
  createdAt: number;
  /** Present while pending and an authenticator is enrolled: what to sign. */
  assertion: AssertionOptionsJSON | null;
}

export interface ApprovalListing {
  approvals: ApprovalView[];
  enrolled: number;
  /** Set while no passkey is enrolled but a vault exists: approvals may be confirmed with its master password (weaker). */
  /** `unlock-first`: passkeys are enrolled but Airlock restarted; the vault must be unlocked before it can check them. */
  fallback?: 'master-password' | 'unlock-first' | null;
}

/** Reply to a content script that asked to go ahead with a sensitive action. */
export type ApprovalRequestResult =
  | { status: 'allowed'; reason: 'not-agent' | 'policy-grant' | 'policy-below-amount' }
  | { status: 'pending'; id: string; expiresAt: number };

/** Reply to a content script that wants to replay an approved action. */
export type ConsumeResult = { status: 'replay' } | { status: 'pending'; id: string; expiresAt: number };

/** Background → content script: an approval of this frame was decided. */
export interface ApprovalPush {
  airlock: 'approval';
  id: string;
  kind: ActionKind;
  topic: ActionTopic;
  status: 'approved' | 'denied' | 'expired';
}

export function isApprovalPush(message: unknown): message is ApprovalPush {
  return typeof message === 'object' && message !== null && (message as ApprovalPush).airlock === 'approval';
}

export interface PasskeyView {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
}

/** What a one-time passkey challenge may be issued for (see `confirmation-subject.ts` for the decisions). */
export type FactorPurpose = 'remove-passkey' | 'set-policy' | ConfirmPurpose;

/** Human decisions confirmed through the human-confirmation service (`human-confirmation.ts`). */
export type ConfirmPurpose = 'oauth-continue' | 'token-approve' | 'vault-edit' | 'credential-release' | 'passkey-enroll' | 'step-up-approve' | 'lower-protection';

/**
 * How a decision must be confirmed right now: an enrolled passkey (user verification), the vault's
 * master password (only while no passkey is enrolled: the weaker proof), nothing (an unconfirmed click,
 * where the decision allows it and Airlock has no factor at all), or not at all yet (create the vault).
 */
export type ConfirmationMethod = 'passkey' | 'master-password' | 'none' | 'unavailable' | 'unlock-first';

/** The proof sent with a decision. The master password is checked and forgotten, never stored or logged. */
export type HumanProof =
  | { kind: 'passkey'; assertion: AssertionJSON }
  | { kind: 'master-password'; password: string }
  | { kind: 'none' };

export type SitePolicy =
  | { mode: 'always' }
  /** Payments strictly below `below` (minor units, same currency) go ahead; everything else asks. */
  | { mode: 'below-amount'; below: number; currency: string }
  /** After a human approval on the site, allow its actions for `minutes`. */
  | { mode: 'grant-after-approval'; minutes: number };

export interface PolicyListing {
  policies: Array<{ origin: string; policy: SitePolicy }>;
  grants: Array<{ origin: string; until: number }>;
}

export type AuditEvent = 'requested' | 'approved' | 'denied' | 'expired' | 'void' | 'consumed' | 'auto-allowed' | 'refused' | 'enrolled' | 'removed' | 'policy-set' | 'policy-revoked';

export interface AuditEntry {
  at: number;
  event: AuditEvent;
  approvalId?: string;
  origin?: string;
  code?: string;
  detail?: string;
  /** For `approved`: the signed action and the assertion, verifiable later with the enrolled public key. */
  receipt?: ApprovalReceipt;
  /** The receipt kept beside the chain no longer matches the hash the chain holds: it was edited. */
  receiptAltered?: true;
}

export interface ApprovalReceipt {
  action: CanonicalAction;
  credentialId: string;
  assertion: AssertionJSON;
}

/** Whether an approval receipt's signature still checks out against the enrolled passkey that made it. */
export interface ReceiptCheck {
  result: 'valid' | 'invalid' | 'key-removed';
  /** The passkey's name, when it is still enrolled. */
  passkey: string | null;
}

export type { ActionClaim };
