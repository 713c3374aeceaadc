/**
 * Payload types of the vault and credential-takeover messages. Types only, with no imports from the
 * vault: the message contract (which the content script reaches) refers to them.
 */

export type VaultMatchMode = 'exact' | 'site';

export interface VaultStatus {
  created: boolean;
  unlocked: boolean;
  /** A vault this profile had was deleted (its database is gone): when it was made, when that was found. */
  lost?: { createdAt: number; detectedAt: number } | null;
  /** When the last encrypted export (the backup to restore from) was made, if ever. */
  lastExportAt?: number | null;
}

/** An entry as Airlock's pages list it: never a password, a one-time-code secret or notes. */
export interface VaultEntryView {
  id: string;
  title: string;
  origins: string[];
  matchMode: VaultMatchMode;
  username: string;
  hasTotp: boolean;
  hasNotes: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface VaultListing {
  entries: VaultEntryView[];
  /** Records that failed to open (damaged); listed so the human can delete them. */
  corrupt: string[];
}

/** What the options page sends to add an entry (the password travels to the background only). */
export interface VaultEntryInput {
  title?: string;
  origins: string[];
  matchMode?: VaultMatchMode;
  username: string;
  password: string;
  totp?: string;
  notes?: string;
}

/** Changes to an entry; a field left out stays as it is, `null` removes an optional one. */
export interface VaultEntryPatch {
  title?: string;
  origins?: string[];
  matchMode?: VaultMatchMode;
  username?: string;
  password?: string;
  totp?: string | null;
  notes?: string | null;
}

/** Written to storage.session while a confirmed CSV import is sealed, for the options page's progress bar. */
export interface ImportProgress {
  done: number;
  total: number;
  finished: boolean;
}

/** One audit-log entry as the options page shows and exports it. */
export interface AuditRecordView {
  seq: number;
  at: number;
  kind: string;
  tabId?: number;
  origin?: string;
  agent?: string;
  reason?: string;
  entryId?: string;
  details?: Record<string, string | number | boolean | null>;
  prev: string;
  hash: string;
}

export type AuditCheck = { ok: true; count: number } | { ok: false; problem: string; seq: number | null };

export interface AuditListing {
  entries: AuditRecordView[];
  verdict: AuditCheck;
}

/** Which step of a sign-in a content script found: the identifier, the password, or a one-time code. */
export type LoginStep = 'username' | 'password' | 'otp';

/** The background's answer to a content script that found a login form. */
export type CredentialRequestResult =
  /** The tab is the human's: the page keeps normal behaviour (fill only on request from the popup). */
  | { status: 'human' }
  /** Queued for the human; `requestId` names it in the fill that may follow. `reason`: why it was not carried (a failed attempt). */
  | { status: 'waiting'; requestId: string; reason?: 'CREDENTIAL_ATTEMPT_FAILED' }
  /** A policy or the decision for an earlier step of the same sign-in allows it: the fill follows at once. */
  | { status: 'allowed'; requestId: string }
  /** Nothing can be released here (insecure origin, no matching entry after a decision, ...). */
  | { status: 'refused'; requestId: string | null; reason: string };

/** A waiting request, as the toolbar popup shows it. */
export interface CredentialRequestView {
  id: string;
  tabId: number;
  step: LoginStep;
  /** The frame's origin as the browser reported it (`sender.origin`), never the page's claim. */
  origin: string;
  /** Unicode form of the host, shown beside the ASCII one when they differ. */
  displayHost: string;
  /** Why the host could deceive (punycode, mixed scripts, lookalike letters); empty when none. */
  warnings: string[];
  /** True when the request comes from a frame inside a page of another origin. */
  subframe: boolean;
  topOrigin: string | null;
  /** True when that outer page is of another origin (or unknown): remembered decisions do not apply there. */
  embeddedElsewhere: boolean;
  /** The agent's own name when it introduced itself (`agentNamed`), else the signal that told. */
  agent: string;
  agentNamed: boolean;
  /** The previous attempt with this entry was refused by the site: choose again (or another entry). */
  failedEntryId?: string;
  createdAt: number;
  expiresAt: number;
  /** Entries that may be released to this origin; empty while the vault is locked. */
  candidates: Array<{ id: string; title: string; username: string; hasTotp: boolean }>;
  /** The human allowed the weaker in-page fill for this origin: the page will get the real value. */
  inPage: boolean;
}

export interface CredentialListing {
  vault: VaultStatus;
  requests: CredentialRequestView[];
}

/** A passkey that unlocks the vault (WebAuthn PRF). Public data: the PRF input is a salt, not a secret. */
export interface VaultPasskeyView {
  /** Credential ID, base64url. */
  credentialId: string;
  /** What to evaluate the PRF on (`extensions.prf.eval.first`), base64url. */
  prfInput: string;
  addedAt: number;
}

/** "Use this entry on this origin for this agent without asking." */
export interface CredentialPolicyView {
  id: string;
  origin: string;
  entryId: string;
  agent: string;
  createdAt: number;
  /** The entry's title and username while the vault is unlocked; null otherwise (or if the entry is gone). */
  entryLabel: string | null;
}

/**
 * A site where the human chose the weaker fill: the real value goes into the page, because the site's
 * own script changes it before sending (hashing, encryption, a WebSocket) and the swap cannot carry it.
 */
export interface InPageFillSite {
  origin: string;
  /** The agent whose sign-in the human was deciding when they allowed it. */
  agent: string;
  createdAt: number;
}

/** What the popup offers the human in their own tab: entries for the active tab's origin. */
export interface HumanFillOffer {
  origin: string | null;
  vault: VaultStatus;
  entries: Array<{ id: string; title: string; username: string; hasTotp: boolean }>;
}

export interface FillOutcome {
  filled: boolean;
  submitted: boolean;
  reason?: string;
}
