import { AirlockError } from '../errors/airlock-error';
import { toBase64Url } from '../encoding/base64url';
import { SUPPORTED_ALGORITHMS, type RegistrationJSON } from './types';
import { checkAuthenticatorData, checkClientData, decodeField } from './verify-assertion';

export interface VerifiedRegistration {
  id: string;
  publicKey: string;
  alg: number;
  signCount: number;
}

const fail = (message: string): never => {
  throw new AirlockError('REGISTRATION_INVALID', message);
};

const decode = (field: string, value: unknown): Uint8Array => decodeField(field, value, fail);

/**
 * Checks a registration (W3C WebAuthn L3, §7.1) with attestation "none": client data type, challenge
 * and origin; RP ID hash; user present and verified; the attested credential ID equals the response's
 * ID; the public key (SPKI, from `getPublicKey()`) imports under a supported algorithm.
 */
export async function verifyRegistration(registration: RegistrationJSON, expected: { challenge: Uint8Array; origin: string; rpId: string | readonly string[] }): Promise<VerifiedRegistration> {
  if (registration.type !== 'public-key') fail('not a public-key credential');
  const clientDataJSON = decode('clientDataJSON', registration.response?.clientDataJSON);
  const authData = decode('authenticatorData', registration.response?.authenticatorData);
  const spki = decode('publicKey', registration.response?.publicKey);
  const alg = registration.response?.publicKeyAlgorithm;
  checkClientData(clientDataJSON, 'webauthn.create', expected.challenge, expected.origin, 'REGISTRATION_INVALID');
  const { flags, signCount } = await checkAuthenticatorData(authData, expected.rpId, 'REGISTRATION_INVALID');
  if (!(flags & 0x40)) fail('no attested credential data');
  // Attested credential data: AAGUID (16), credentialIdLength (2), credentialId (§6.5.1).
  const idLength = ((authData[53] ?? 0) << 8) | (authData[54] ?? 0);
  const credentialId = authData.subarray(55, 55 + idLength);
  if (credentialId.length !== idLength || toBase64Url(credentialId) !== registration.id) fail('credential ID mismatch');
  if (!(SUPPORTED_ALGORITHMS as readonly number[]).includes(alg as number)) fail('unsupported algorithm');
  const params = alg === -7 ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  try {
    await crypto.subtle.importKey('spki', spki as BufferSource, params, false, ['verify']);
  } catch {
    fail('public key does not import');
  }
  return { id: registration.id, publicKey: toBase64Url(spki), alg: alg as number, signCount };
}
