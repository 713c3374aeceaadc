import { AirlockError } from '../errors/airlock-error';
import { canonicalJson } from './canonical-json';
import { utf8, type Bytes } from './encoding';
import { isSealedBox, openJson, sealJson, type SealedBox } from './vault-crypto';

/**
 * What a grant's refresh token is bound to: the grant, and the issuer and client it was issued by and
 * to. A sealed token moved to another grant, or read for another issuer or client, does not open.
 */
export interface GrantSecretBinding {
  grantId: string;
  issuer: string;
  clientId: string;
}

/** A grant's refresh token as stored (schema v3, store `grantSecrets`). */
export interface GrantSecretRecord extends GrantSecretBinding {
  secret: SealedBox;
  updatedAt: number;
}

function grantSecretAad(binding: GrantSecretBinding): Bytes {
  return utf8(canonicalJson({ v: 1, kind: 'airlock-grant-secret', grantId: binding.grantId, issuer: binding.issuer, clientId: binding.clientId }));
}

export async function sealGrantSecret(key: CryptoKey, binding: GrantSecretBinding, secret: string, now: number): Promise<GrantSecretRecord> {
  return { grantId: binding.grantId, issuer: binding.issuer, clientId: binding.clientId, secret: await sealJson(key, grantSecretAad(binding), { secret }), updatedAt: now };
}

/**
 * Opens a record for `binding`. VAULT_RECORD_CORRUPT when the record is damaged, was sealed under
 * another key, or belongs to another grant, issuer or client; the record itself is left as it is.
 */
export async function openGrantSecret(key: CryptoKey, record: GrantSecretRecord, binding: GrantSecretBinding): Promise<string> {
  const corrupt = () => new AirlockError('VAULT_RECORD_CORRUPT', 'This grant\u2019s stored refresh token is damaged and cannot be read');
  if (typeof record !== 'object' || record === null || !isSealedBox(record.secret)) throw corrupt();
  if (record.grantId !== binding.grantId || record.issuer !== binding.issuer || record.clientId !== binding.clientId) throw corrupt();
  let opened: unknown;
  try {
    opened = await openJson(key, grantSecretAad(binding), record.secret);
  } catch {
    throw corrupt();
  }
  const secret = (opened as { secret?: unknown } | null)?.secret;
  if (typeof secret !== 'string' || secret === '') throw corrupt();
  return secret;
}
