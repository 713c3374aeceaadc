/**
 * Access tokens cross the page sealed (DESIGN.md, "OAuth broker"): the agent draws a P-256 key pair
 * for each token request and sends the public half; Airlock returns the token as a compact JWE to it
 * (ECDH-ES key agreement, A256GCM; RFC 7516, RFC 7518 §4.6). The page sees every protocol message but
 * only ciphertext of the token; provider, type, scope and expiry stay readable, as they are no secret.
 */
import { CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { AgentPublicKey, IssuedAccessToken, SealedAccessToken } from '../protocol/messages';

const HEADER = { alg: 'ECDH-ES', enc: 'A256GCM' } as const;

/** Airlock's side: seals the token to the key the request carried. */
export async function sealAccessToken(token: IssuedAccessToken, to: AgentPublicKey): Promise<SealedAccessToken> {
  const key = await importJWK({ ...to }, HEADER.alg);
  const sealedAccessToken = await new CompactEncrypt(new TextEncoder().encode(token.accessToken)).setProtectedHeader(HEADER).encrypt(key);
  const { accessToken: _accessToken, ...visible } = token;
  return { ...visible, sealedAccessToken };
}

/** The agent's side: a key pair for one request; its private half stays in the agent's process. */
export interface SealingKey {
  encryptTo: AgentPublicKey;
  /** Opens a token sealed to this key; throws if it was sealed to another or altered. */
  open(token: SealedAccessToken): Promise<IssuedAccessToken>;
}

export async function drawSealingKey(): Promise<SealingKey> {
  const { publicKey, privateKey } = await generateKeyPair(HEADER.alg, { crv: 'P-256' });
  const { x, y } = await exportJWK(publicKey);
  return {
    encryptTo: { kty: 'EC', crv: 'P-256', x: x!, y: y! },
    async open({ sealedAccessToken, ...visible }) {
      const { plaintext } = await compactDecrypt(sealedAccessToken, privateKey, { keyManagementAlgorithms: [HEADER.alg], contentEncryptionAlgorithms: [HEADER.enc] });
      return { ...visible, accessToken: new TextDecoder().decode(plaintext) };
    },
  };
}
