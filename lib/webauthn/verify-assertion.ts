import { AirlockError } from '../errors/airlock-error';
import { fromBase64Url, toBase64Url } from '../encoding/base64url';
import type { AssertionJSON, StoredPasskey } from './types';

export interface AssertionExpectations {
  /** The exact challenge the background issued. */
  challenge: Uint8Array;
  /** Airlock's own origin (`chrome-extension://<id>`): an assertion made for any other origin is refused. */
  origin: string;
  /**
   * The RP ID the credential is scoped to. For an extension that is its ID; Chromium hashes the full
   * extension origin (`chrome-extension://<id>`) instead, so each accepted form is listed.
   */
  rpId: string | readonly string[];
}

export interface VerifiedAssertion {
  signCount: number;
  userPresent: boolean;
  userVerified: boolean;
}

// Authenticator data flags (W3C WebAuthn L3, §6.1).
const FLAG_UP = 0x01;
const FLAG_UV = 0x04;

const fail = (message: string): never => {
  throw new AirlockError('ASSERTION_INVALID', message);
};

/** A base64url field of a WebAuthn JSON response; `onError` throws the caller's own error code. */
export function decodeField(field: string, value: unknown, onError: (message: string) => never): Uint8Array {
  if (typeof value !== 'string') return onError(`${field} missing`);
  try {
    return fromBase64Url(value);
  } catch {
    return onError(`${field} is not base64url`);
  }
}

const decode = (field: string, value: unknown): Uint8Array => decodeField(field, value, fail);

async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * Converts an ECDSA signature from ASN.1 DER (what authenticators return, WebAuthn §6.5.5) to the
 * fixed-width r‖s form WebCrypto verifies (IEEE P1363).
 */
export function derToP1363(der: Uint8Array, size = 32): Uint8Array {
  let offset = 0;
  const expect = (byte: number) => {
    if (der[offset++] !== byte) fail('malformed ECDSA signature');
  };
  const readLength = (): number => {
    let length = der[offset++] ?? fail('malformed ECDSA signature');
    if (length & 0x80) {
      const count = length & 0x7f;
      length = 0;
      for (let i = 0; i < count; i++) length = (length << 8) | (der[offset++] ?? 0);
    }
    return length;
  };
  const readInteger = (): Uint8Array => {
    expect(0x02);
    const length = readLength();
    let value = der.subarray(offset, offset + length);
    offset += length;
    while (value.length > 0 && value[0] === 0) value = value.subarray(1);
    if (value.length > size) fail('malformed ECDSA signature');
    const out = new Uint8Array(size);
    out.set(value, size - value.length);
    return out;
  };
  expect(0x30);
  readLength();
  const r = readInteger();
  const s = readInteger();
  const raw = new Uint8Array(size * 2);
  raw.set(r, 0);
  raw.set(s, size);
  return raw;
}

async function verifySignature(passkey: StoredPasskey, signature: Uint8Array, data: Uint8Array): Promise<boolean> {
  const spki = fromBase64Url(passkey.publicKey) as BufferSource;
  if (passkey.alg === -7) {
    const key = await crypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
    return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, derToP1363(signature) as BufferSource, data as BufferSource);
  }
  if (passkey.alg === -257) {
    const key = await crypto.subtle.importKey('spki', spki, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['verify']);
    return crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature as BufferSource, data as BufferSource);
  }
  return fail('unsupported algorithm');
}

interface ClientData {
  type?: unknown;
  challenge?: unknown;
  origin?: unknown;
  crossOrigin?: unknown;
  topOrigin?: unknown;
}

/** Parses and checks clientDataJSON (WebAuthn §7.2 steps 10-14). */
export function checkClientData(bytes: Uint8Array, type: 'webauthn.get' | 'webauthn.create', challenge: Uint8Array, origin: string, code: 'ASSERTION_INVALID' | 'REGISTRATION_INVALID'): void {
  let data: ClientData;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes)) as ClientData;
  } catch {
    throw new AirlockError(code, 'clientDataJSON is not JSON');
  }
  if (data.type !== type) throw new AirlockError(code, `clientData.type is not ${type}`);
  if (data.challenge !== toBase64Url(challenge)) throw new AirlockError(code, 'challenge does not match this action');
  if (data.origin !== origin) throw new AirlockError(code, 'assertion was made for another origin');
  // An Airlock page embedded in another site's frame is not where the human decides.
  if (data.crossOrigin === true || data.topOrigin !== undefined) throw new AirlockError(code, 'assertion was made in a cross-origin frame');
}

/** Checks rpIdHash and the UP / UV flags of authenticator data (WebAuthn §7.2 steps 15-17). */
export async function checkAuthenticatorData(authData: Uint8Array, rpId: string | readonly string[], code: 'ASSERTION_INVALID' | 'REGISTRATION_INVALID'): Promise<{ flags: number; signCount: number }> {
  if (authData.length < 37) throw new AirlockError(code, 'authenticator data too short');
  let scoped = false;
  for (const id of typeof rpId === 'string' ? [rpId] : rpId) {
    if (equalBytes(authData.subarray(0, 32), await sha256(new TextEncoder().encode(id)))) scoped = true;
  }
  if (!scoped) throw new AirlockError(code, 'credential is scoped to another RP ID');
  const flags = authData[32]!;
  if (!(flags & FLAG_UP)) throw new AirlockError(code, 'user presence flag not set');
  if (!(flags & FLAG_UV)) throw new AirlockError(code, 'user verification flag not set');
  const signCount = ((authData[33]! << 24) >>> 0) + (authData[34]! << 16) + (authData[35]! << 8) + authData[36]!;
  return { flags, signCount };
}

/**
 * Verifies a WebAuthn assertion against an enrolled public key with WebCrypto only (W3C WebAuthn L3,
 * §7.2 "Verifying an Authentication Assertion"): client data type, challenge and origin; RP ID hash;
 * user present and user verified; the signature over authenticatorData ‖ SHA-256(clientDataJSON);
 * and a signature counter that, once used, must grow (a cloned authenticator, §6.1.1).
 */
export async function verifyAssertion(assertion: AssertionJSON, passkey: StoredPasskey, expected: AssertionExpectations): Promise<VerifiedAssertion> {
  if (assertion.type !== 'public-key' || assertion.id !== passkey.id) fail('credential mismatch');
  const clientDataJSON = decode('clientDataJSON', assertion.response?.clientDataJSON);
  const authData = decode('authenticatorData', assertion.response?.authenticatorData);
  const signature = decode('signature', assertion.response?.signature);
  checkClientData(clientDataJSON, 'webauthn.get', expected.challenge, expected.origin, 'ASSERTION_INVALID');
  const { flags, signCount } = await checkAuthenticatorData(authData, expected.rpId, 'ASSERTION_INVALID');
  const signed = new Uint8Array(authData.length + 32);
  signed.set(authData, 0);
  signed.set(await sha256(clientDataJSON), authData.length);
  let valid = false;
  try {
    valid = await verifySignature(passkey, signature, signed);
  } catch (error) {
    if (error instanceof AirlockError) throw error;
    fail('signature could not be checked');
  }
  if (!valid) fail('signature does not verify with the enrolled public key');
  if ((signCount !== 0 || passkey.signCount !== 0) && signCount <= passkey.signCount) {
    throw new AirlockError('ASSERTION_REPLAYED', 'signature counter did not increase');
  }
  return { signCount, userPresent: (flags & FLAG_UP) !== 0, userVerified: (flags & FLAG_UV) !== 0 };
}
