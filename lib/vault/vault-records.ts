import type { KdfParams, MatchMode, SealedBox } from './vault-crypto';

/** The vault key wrapped by a passkey's WebAuthn PRF output. */
export interface PasskeyWrap {
  /** Base64url credential ID, as WebAuthn reports it. */
  credentialId: string;
  /** Base64 PRF input (`extensions.prf.eval.first`) this credential is asked to evaluate. */
  prfInput: string;
  /** Base64 HKDF salt for this wrap. */
  salt: string;
  wrapped: SealedBox;
  addedAt: number;
}

/** meta['keyring']: everything needed to unwrap the vault key, and nothing that reveals it. */
export interface KeyringRecord {
  kdf: KdfParams;
  /** The vault key wrapped by the key derived from the master password. */
  password: SealedBox;
  passkeys: PasskeyWrap[];
  createdAt: number;
  updatedAt: number;
}

export interface SchemaRecord {
  version: number;
  migratedAt: number;
}

/** meta['audit-head']: the last link of the audit chain, so a removed tail is noticed. */
export interface AuditHeadRecord {
  seq: number;
  hash: string;
}

export interface MetaValues {
  keyring: KeyringRecord;
  schema: SchemaRecord;
  'audit-head': AuditHeadRecord;
}

/** Plaintext of an entry's `profile` ciphertext: shown in lists. */
export interface EntryProfile {
  title: string;
  username: string;
}

/** Plaintext of an entry's `secret` ciphertext: released one entry at a time. */
export interface EntrySecretFields {
  password: string;
  totp?: string;
  notes?: string;
}

/** An entry as stored (schema v2). Origins are in the clear for the index, and bound to the ciphertexts. */
export interface EntryRecord {
  id: string;
  /** Normalised origins (`scheme://host[:port]`). */
  origins: string[];
  matchMode: MatchMode;
  /** Derived from `origins` and `matchMode` (see `entryIndexKeys`); indexed, multiEntry. */
  originKeys: string[];
  createdAt: number;
  updatedAt: number;
  profile: SealedBox;
  secret: SealedBox;
}
