/**
 * The browser side of WebAuthn, for Airlock's pages (popup, options). WebAuthn cannot run in the
 * service worker; the background only issues challenges and verifies what comes back.
 */
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
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
