import { canonicalJson } from './canonical-json';
import { fromBase64, fromUtf8, randomBytes, toBase64, toBytes, utf8, type Bytes } from './encoding';

/**
 * PBKDF2-HMAC-SHA-256 work factor for the master password: 600,000 iterations is the OWASP Password
 * Storage Cheat Sheet figure (2023) for this PRF. Tests inject fewer; a unit test pins this value.
 */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** AES-GCM nonces are 96 bits (NIST SP 800-38D §8.2.2: random IVs of exactly 96 bits). */
const IV_BYTES = 12;
const SALT_BYTES = 16;

export interface KdfParams {
  name: 'PBKDF2';
  hash: 'SHA-256';
  iterations: number;
  /** Base64. */
  salt: string;
}

/** An AES-GCM ciphertext (tag appended, as WebCrypto returns it) and its random IV. */
export interface SealedBox {
  iv: Bytes;
  ct: Bytes;
}

/** Which part of an entry a ciphertext holds; part of its additional data. */
export type RecordField = 'profile' | 'secret';

/** How wide an entry's origins match; see origin-match.ts. */
export type MatchMode = 'exact' | 'site';

/** What a record's ciphertexts are bound to: moving one to another record, field or origin breaks it. */
export interface RecordBinding {
  id: string;
  field: RecordField;
  origins: readonly string[];
  matchMode: MatchMode;
}

export function newKdfParams(iterations: number = DEFAULT_PBKDF2_ITERATIONS): KdfParams {
  if (!Number.isInteger(iterations) || iterations < 1) throw new RangeError('PBKDF2 iterations must be a positive integer');
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(randomBytes(SALT_BYTES)) };
}

/** An AES-256-GCM key from a password; used to wrap the vault key and to seal exports. */
export async function deriveKeyFromPassword(password: string, params: KdfParams): Promise<CryptoKey> {
  const salt = fromBase64(params.salt);
  if (!salt || params.name !== 'PBKDF2' || params.hash !== 'SHA-256' || !Number.isInteger(params.iterations) || params.iterations < 1) {
    throw new TypeError('Invalid KDF parameters');
  }
  const material = await crypto.subtle.importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', iterations: params.iterations, salt },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey', 'encrypt', 'decrypt'],
  );
}

/**
 * An AES-256-GCM wrapping key from a WebAuthn PRF output (W3C WebAuthn L3 §10.1.4, `prf` extension):
 * the output is already uniformly random, so HKDF-SHA-256 only separates this use from any other.
 */
export async function deriveKeyFromPrf(prfOutput: Uint8Array, salt: Bytes): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', toBytes(prfOutput), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: utf8('airlock vault key wrapping v1') },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/**
 * The key that seals Airlock's stored decisions and settings (lib/security/sealed-area.ts): an
 * HMAC-SHA-256 key derived from the vault key with HKDF-SHA-256 (RFC 5869), so only whoever holds the
 * vault key (the worker, after the human unlocked) can make or check a seal. Not extractable.
 */
export async function deriveIntegrityKey(rawVaultKey: Bytes): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', rawVaultKey, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8('airlock sealed records v1') },
    material,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  );
}

/** A fresh random 256-bit AES-GCM vault key. Extractable only so that it can be wrapped. */
export function generateVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

export async function wrapVaultKey(vaultKey: CryptoKey, wrappingKey: CryptoKey, context: unknown): Promise<SealedBox> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.wrapKey('raw', vaultKey, wrappingKey, { name: 'AES-GCM', iv, additionalData: wrapAad(context) });
  return { iv, ct: new Uint8Array(ct) };
}

/** Rejects (OperationError) when the wrapping key is wrong or the wrapped key was altered. */
export function unwrapVaultKey(box: SealedBox, wrappingKey: CryptoKey, context: unknown, extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    toBytes(box.ct),
    wrappingKey,
    { name: 'AES-GCM', iv: toBytes(box.iv), additionalData: wrapAad(context) },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

export async function importRawVaultKey(raw: Bytes, extractable: boolean): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

export async function exportRawVaultKey(key: CryptoKey): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.exportKey('raw', key));
}

export async function sealJson(key: CryptoKey, additionalData: Bytes, value: unknown): Promise<SealedBox> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, key, utf8(JSON.stringify(value)));
  return { iv, ct: new Uint8Array(ct) };
}

/** Rejects when the key, the additional data or any byte of the box differs from what was sealed. */
export async function openJson(key: CryptoKey, additionalData: Bytes, box: SealedBox): Promise<unknown> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: toBytes(box.iv), additionalData }, key, toBytes(box.ct));
  return JSON.parse(fromUtf8(new Uint8Array(plain))) as unknown;
}

/**
 * Additional data of an entry ciphertext. `matchMode` is left out when it is the default (`exact`) so
 * that records written before the field existed (schema v1) authenticate unchanged; widening it on
 * disk to `site` changes the data and the record no longer opens.
 */
export function recordAad(binding: RecordBinding): Bytes {
  return utf8(
    canonicalJson({
      v: 1,
      kind: 'airlock-entry',
      id: binding.id,
      field: binding.field,
      origins: [...binding.origins],
      matchMode: binding.matchMode === 'exact' ? undefined : binding.matchMode,
    }),
  );
}

function wrapAad(context: unknown): Bytes {
  return utf8(canonicalJson({ v: 1, kind: 'airlock-vault-key', context }));
}

export function isSealedBox(value: unknown): value is SealedBox {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as SealedBox).iv instanceof Uint8Array &&
    (value as SealedBox).ct instanceof Uint8Array &&
    (value as SealedBox).iv.length === IV_BYTES
  );
}
