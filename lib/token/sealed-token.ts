/**
 * Access tokens cross the page sealed (docs/agent-protocol.md, "Sign-ins and access tokens"): the agent client draws a P-256 key
 * pair and sends the public half with its token requests; Airlock returns the token as a compact JWE
 * to it (ECDH-ES key agreement, A256GCM; RFC 7516, RFC 7518 §4.6). The page hears every protocol
 * message but cannot open the token. This is confidentiality only: ECDH-ES does not authenticate the
 * sender, so a page that knows the public key could seal a token of its own choosing; the agent
 * should treat what it opens as a token for the scopes it asked, nothing more.
 */
import { calculateJwkThumbprint, CompactEncrypt, compactDecrypt, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { AgentPublicKey, IssuedAccessToken, SealedAccessToken } from '../protocol/messages';

const HEADER = { alg: 'ECDH-ES', enc: 'A256GCM' } as const;

/** Whether the key is a P-256 point the token can be sealed to (its shape is checked by the protocol). */
export async function isSealableKey(key: AgentPublicKey): Promise<boolean> {
  return importJWK({ ...key }, HEADER.alg).then(
    () => true,
    () => false,
  );
}

/** RFC 7638 thumbprint of the agent's key: a grant renews silently only for requests under the same key. */
export function agentKeyThumbprint(key: AgentPublicKey): Promise<string> {
  return calculateJwkThumbprint({ ...key }, 'sha256');
}

/**
 * Airlock's side: seals the whole token (the JWE's ciphertext and tag cover provider, type, scope and
 * expiry too); those are also sent in clear, for display, and the client trusts only the sealed copy.
 */
export async function sealAccessToken(token: IssuedAccessToken, to: AgentPublicKey): Promise<SealedAccessToken> {
  const key = await importJWK({ ...to }, HEADER.alg);
  const sealedAccessToken = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify(token))).setProtectedHeader(HEADER).encrypt(key);
  const { accessToken: _accessToken, ...visible } = token;
  return { ...visible, sealedAccessToken };
}

/** The agent's side: one key pair, its private half never leaving the agent's process. */
export interface SealingKey {
  encryptTo: AgentPublicKey;
  /** Opens a token sealed to this key; throws if it was sealed to another key, altered, or is no token. */
  open(token: SealedAccessToken): Promise<IssuedAccessToken>;
}

export async function drawSealingKey(): Promise<SealingKey> {
  const { publicKey, privateKey } = await generateKeyPair(HEADER.alg, { crv: 'P-256' });
  const { x, y } = await exportJWK(publicKey);
  return {
    encryptTo: { kty: 'EC', crv: 'P-256', x: x!, y: y! },
    async open({ sealedAccessToken }) {
      const { plaintext } = await compactDecrypt(sealedAccessToken, privateKey, { keyManagementAlgorithms: [HEADER.alg], contentEncryptionAlgorithms: [HEADER.enc] });
      const token = JSON.parse(new TextDecoder().decode(plaintext)) as Partial<IssuedAccessToken>;
      if (typeof token.accessToken !== 'string' || typeof token.provider !== 'string' || typeof token.tokenType !== 'string' || typeof token.scope !== 'string' || typeof token.expiresAt !== 'number') {
        throw new TypeError('not a sealed access token');
      }
      return { provider: token.provider, accessToken: token.accessToken, tokenType: token.tokenType, scope: token.scope, expiresAt: token.expiresAt };
    },
  };
}
