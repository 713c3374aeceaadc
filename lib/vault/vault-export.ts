import { AirlockError } from '../errors/airlock-error';
import { canonicalJson } from './canonical-json';
import { fromBase64, fromUtf8, randomBytes, toBase64, utf8 } from './encoding';
import { deriveKeyFromPassword, newKdfParams, type KdfParams, type MatchMode } from './vault-crypto';

/** One entry inside an encrypted export, in the clear once the export is opened. */
export interface ExportedEntry {
  title: string;
  origins: string[];
  matchMode: MatchMode;
  username: string;
  password: string;
  totp?: string;
  notes?: string;
  createdAt: number;
  updatedAt: number;
}

interface ExportEnvelope {
  format: 'airlock-vault-export';
  version: 1;
  createdAt: number;
  kdf: KdfParams;
  iv: string;
  ciphertext: string;
}

const FORMAT = 'airlock-vault-export';

/** The envelope's parameters are the ciphertext's additional data: altering them breaks decryption. */
function envelopeAad(kdf: KdfParams): Uint8Array<ArrayBuffer> {
  return utf8(canonicalJson({ format: FORMAT, version: 1, kdf }));
}

/** Seals entries under a key derived from an export password (PBKDF2-SHA-256), independent of the vault key. */
export async function sealExport(entries: readonly ExportedEntry[], exportPassword: string, iterations: number, now: number): Promise<string> {
  if (exportPassword === '') throw new AirlockError('VAULT_PASSWORD_REJECTED', 'The export password must not be empty');
  const kdf = newKdfParams(iterations);
  const key = await deriveKeyFromPassword(exportPassword, kdf);
  const iv = randomBytes(12);
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: envelopeAad(kdf) }, key, utf8(JSON.stringify({ entries })));
  const envelope: ExportEnvelope = { format: FORMAT, version: 1, createdAt: now, kdf, iv: toBase64(iv), ciphertext: toBase64(new Uint8Array(ciphertext)) };
  return JSON.stringify(envelope);
}

function malformed(): never {
  throw new AirlockError('VAULT_EXPORT_MALFORMED', 'The file is not an Airlock export, or it is damaged');
}

/** Opens an export: VAULT_EXPORT_MALFORMED for a file that is not one, VAULT_EXPORT_WRONG_PASSWORD when it does not decrypt. */
export async function openExport(text: string, exportPassword: string): Promise<ExportedEntry[]> {
  let envelope: Partial<ExportEnvelope>;
  try {
    envelope = JSON.parse(text) as Partial<ExportEnvelope>;
  } catch {
    malformed();
  }
  if (typeof envelope !== 'object' || envelope === null || envelope.format !== FORMAT || envelope.version !== 1) malformed();
  const kdf = envelope.kdf;
  const iv = typeof envelope.iv === 'string' ? fromBase64(envelope.iv) : null;
  const ciphertext = typeof envelope.ciphertext === 'string' ? fromBase64(envelope.ciphertext) : null;
  if (!kdf || !iv || !ciphertext || iv.length !== 12) malformed();
  let key: CryptoKey;
  try {
    key = await deriveKeyFromPassword(exportPassword, kdf);
  } catch {
    malformed();
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: envelopeAad(kdf) }, key, ciphertext);
  } catch {
    throw new AirlockError('VAULT_EXPORT_WRONG_PASSWORD', 'The export password is wrong, or the file was altered');
  }
  let body: { entries?: unknown };
  try {
    body = JSON.parse(fromUtf8(new Uint8Array(plain))) as { entries?: unknown };
  } catch {
    malformed();
  }
  if (!Array.isArray(body.entries) || !body.entries.every(isExportedEntry)) malformed();
  return body.entries;
}

function isExportedEntry(value: unknown): value is ExportedEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.title === 'string' &&
    Array.isArray(entry.origins) &&
    entry.origins.every((origin) => typeof origin === 'string') &&
    (entry.matchMode === 'exact' || entry.matchMode === 'site') &&
    typeof entry.username === 'string' &&
    typeof entry.password === 'string' &&
    (entry.totp === undefined || typeof entry.totp === 'string') &&
    (entry.notes === undefined || typeof entry.notes === 'string') &&
    typeof entry.createdAt === 'number' &&
    typeof entry.updatedAt === 'number'
  );
}
