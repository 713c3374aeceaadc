import type { RegistrationOptionsJSON } from '../../lib/approvals/messages';

/**
 * Expressions that run a WebAuthn ceremony directly in an Airlock page, the way hostile code there
 * (an agent evaluating in a tab it opened) could, and send the result to the background itself.
 */
const B64 = `const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const unb64 = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - s.length % 4) % 4)), (c) => c.charCodeAt(0));`;

/** Creates a credential of the page's own (virtual) authenticator for Airlock's RP ID. */
export function createOwnCredential(rpId: string): string {
  return `(async () => {
  ${B64}
  const cred = await navigator.credentials.create({ publicKey: {
    rp: { id: ${JSON.stringify(rpId)}, name: 'rogue' },
    user: { id: crypto.getRandomValues(new Uint8Array(16)), name: 'agent', displayName: 'agent' },
    challenge: crypto.getRandomValues(new Uint8Array(32)),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  } });
  return b64(cred.rawId);
})()`;
}

/**
 * Runs the registration Airlock issued (`passkey.registrationOptions`) on the page's authenticator;
 * resolves to the registration in the form the settings sends with `passkey.enroll`.
 */
export function registerFromOptions(options: RegistrationOptionsJSON): string {
  return `(async () => {
  ${B64}
  const o = ${JSON.stringify(options)};
  const cred = await navigator.credentials.create({ publicKey: {
    challenge: unb64(o.challenge), rp: o.rp, user: { ...o.user, id: unb64(o.user.id) },
    pubKeyCredParams: o.pubKeyCredParams, authenticatorSelection: o.authenticatorSelection, attestation: 'none',
    excludeCredentials: o.excludeCredentials.map((c) => ({ type: 'public-key', id: unb64(c.id) })),
  } });
  return { id: b64(cred.rawId), rawId: b64(cred.rawId), type: 'public-key', response: {
    clientDataJSON: b64(cred.response.clientDataJSON), attestationObject: b64(cred.response.attestationObject),
    authenticatorData: b64(cred.response.getAuthenticatorData()), publicKey: b64(cred.response.getPublicKey()),
    publicKeyAlgorithm: cred.response.getPublicKeyAlgorithm(),
  } };
})()`;
}

/** Signs `challenge` with whatever credential the page's authenticator holds (allowCredentials as given); resolves to the assertion. */
export function assertWithOwnCredential(options: { challenge: string; rpId: string; allowCredentials: Array<{ id: string }> }): string {
  return `(async () => {
  ${B64}
  const options = ${JSON.stringify(options)};
  const cred = await navigator.credentials.get({ publicKey: {
    challenge: unb64(options.challenge),
    rpId: options.rpId,
    allowCredentials: options.allowCredentials.map((c) => ({ type: 'public-key', id: unb64(c.id) })),
    userVerification: 'required',
  } });
  return { id: b64(cred.rawId), rawId: b64(cred.rawId), type: 'public-key', response: {
    clientDataJSON: b64(cred.response.clientDataJSON),
    authenticatorData: b64(cred.response.authenticatorData),
    signature: b64(cred.response.signature),
  } };
})()`;
}

/** Signs like `assertWithOwnCredential` and sends the assertion as an approval, from the page itself. */
export function assertAndApprove(approvalId: string, options: { challenge: string; rpId: string; allowCredentials: Array<{ id: string }> }): string {
  return `(async () => {
  const assertion = await ${assertWithOwnCredential(options)};
  return chrome.runtime.sendMessage({ airlock: 'internal', kind: 'approval.approve', payload: { id: ${JSON.stringify(approvalId)}, assertion } });
})()`;
}
