/** PKCE (RFC 7636) and the random values of a flow, with WebCrypto only. */
import { randomBase64Url, toBase64Url } from '../encoding/base64url';

/** 32 random bytes, base64url: 256 bits, as RFC 7636 §7.1 recommends for the verifier. */
export function randomToken(): string {
  return randomBase64Url(32);
}

/** RFC 7636 §4.2: code_challenge = BASE64URL(SHA256(ASCII(code_verifier))). */
export async function s256Challenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return toBase64Url(new Uint8Array(digest));
}
