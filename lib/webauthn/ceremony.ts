/**
 * The browser side of WebAuthn, for Airlock's pages (popup, options). WebAuthn cannot run in the
 * service worker; the background only issues challenges and verifies what comes back.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { fromBase64Url, randomBase64Url, toBase64Url } from '../encoding/base64url';
import { AirlockError } from '../errors/airlock-error';
import type { AssertionJSON, AssertionOptionsJSON, RegistrationJSON, RegistrationOptionsJSON } from './types';

/** Asks the human's authenticator to sign `options.challenge` with user verification. */
export async function assertWithPasskey(options: AssertionOptionsJSON): Promise<AssertionJSON> {
  const response = await startAuthentication({ optionsJSON: options });
  return {
    id: response.id,
    rawId: response.rawId,
    type: 'public-key',
    response: {
      clientDataJSON: response.response.clientDataJSON,
      authenticatorData: response.response.authenticatorData,
      signature: response.response.signature,
      ...(response.response.userHandle ? { userHandle: response.response.userHandle } : {}),
    },
  };
}

/** Creates a new credential scoped to Airlock's RP ID. */
export async function registerPasskey(options: RegistrationOptionsJSON): Promise<RegistrationJSON> {
  const response = await startRegistration({ optionsJSON: options });
  const { publicKey, publicKeyAlgorithm, authenticatorData } = response.response;
  if (!publicKey || publicKeyAlgorithm === undefined || !authenticatorData) {
    throw new Error('This browser did not return the public key of the new passkey');
  }
  return {
    id: response.id,
    rawId: response.rawId,
    type: 'public-key',
    response: {
      clientDataJSON: response.response.clientDataJSON,
      attestationObject: response.response.attestationObject,
      authenticatorData,
      publicKey,
      publicKeyAlgorithm,
      ...(response.response.transports ? { transports: response.response.transports } : {}),
    },
  };
}

/** A passkey's PRF evaluation (WebAuthn L3 §10.1.4): what the vault wraps its key under. Bytes are base64url. */
export interface PrfResult {
  credentialId: string;
  prfInput: string;
  prfOutput: string;
}

const PRF_CEREMONY_TIMEOUT_MS = 120_000;

/** What `getClientExtensionResults()` holds for PRF (typed loosely: the library and the DOM disagree on BufferSource). */
interface PrfOutputs {
  prf?: { enabled?: boolean; results?: { first?: ArrayBuffer | ArrayBufferView } };
}

function prfOutputOf(results: PrfOutputs): string | null {
  const first = results.prf?.results?.first;
  if (!first) return null;
  const bytes = ArrayBuffer.isView(first) ? new Uint8Array(first.buffer, first.byteOffset, first.byteLength) : new Uint8Array(first);
  return bytes.length >= 32 ? toBase64Url(bytes) : null;
}

const noPrf = () => new AirlockError('VAULT_PASSKEY_NO_PRF', 'This authenticator cannot derive keys (no WebAuthn PRF support)');

/**
 * Creates a passkey for unlocking the vault and evaluates its PRF on a fresh random input. Some
 * authenticators return the PRF result at creation; the others are asked once more with an assertion.
 * An authenticator without PRF throws VAULT_PASSKEY_NO_PRF (nothing is stored: the caller stops).
 */
export async function createPrfPasskey(rpId: string, name: string): Promise<PrfResult> {
  const prfInput = randomBase64Url(32);
  const registration = await startRegistration({
    optionsJSON: {
      challenge: randomBase64Url(32),
      rp: { id: rpId, name: 'Airlock' },
      user: { id: randomBase64Url(16), name, displayName: name },
      pubKeyCredParams: [-7, -257].map((alg) => ({ type: 'public-key' as const, alg })),
      authenticatorSelection: { userVerification: 'required', residentKey: 'preferred' },
      attestation: 'none',
      timeout: PRF_CEREMONY_TIMEOUT_MS,
      extensions: { prf: { eval: { first: fromBase64Url(prfInput) } } },
    },
  });
  const created: PrfOutputs = registration.clientExtensionResults;
  if (created.prf?.enabled === false || !created.prf) throw noPrf();
  const prfOutput = prfOutputOf(created);
  if (prfOutput) return { credentialId: registration.id, prfInput, prfOutput };
  return evaluatePrf(rpId, [{ credentialId: registration.id, prfInput }]);
}

/**
 * Asks the human's authenticator (with user verification) for the PRF output of one of `passkeys`.
 * The challenge is not checked by anyone: what unlocks is the PRF output, which only the enrolled
 * authenticator can compute for its credential and input.
 */
export async function evaluatePrf(rpId: string, passkeys: ReadonlyArray<{ credentialId: string; prfInput: string }>): Promise<PrfResult> {
  const assertion = await startAuthentication({
    optionsJSON: {
      challenge: randomBase64Url(32),
      rpId,
      allowCredentials: passkeys.map((p) => ({ id: p.credentialId, type: 'public-key' as const })),
      userVerification: 'required',
      timeout: PRF_CEREMONY_TIMEOUT_MS,
      extensions: { prf: { evalByCredential: Object.fromEntries(passkeys.map((p) => [p.credentialId, { first: fromBase64Url(p.prfInput) }])) } },
    },
  });
  const chosen = passkeys.find((p) => p.credentialId === assertion.id);
  const prfOutput = prfOutputOf(assertion.clientExtensionResults);
  if (!chosen || !prfOutput) throw noPrf();
  return { credentialId: chosen.credentialId, prfInput: chosen.prfInput, prfOutput };
}
