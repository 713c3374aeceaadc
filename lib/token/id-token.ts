import { decodeJwt } from 'jose';
import { AirlockError } from '../errors/airlock-error';

/** Who signed in, as the ID token says: shown next to a grant, never used to authorise anything. */
export interface IdTokenAccount {
  subject: string;
  /** A name to show the human: e-mail, name or preferred username when the token carries one. */
  label: string;
}

/**
 * Reads an ID token received directly from the token endpoint over TLS. OpenID Connect Core
 * §3.1.3.7 (6) lets such a client skip the signature; the issuer and audience are still checked
 * (items 2 and 3), so a token meant for another client or from another provider is refused.
 */
export function readIdTokenAccount(idToken: string, expected: { issuer: string; clientId: string }): IdTokenAccount {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(idToken);
  } catch {
    throw new AirlockError('TOKEN_PROVIDER_ERROR', 'The provider returned a malformed ID token');
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expected.issuer || !audience.includes(expected.clientId) || typeof claims.sub !== 'string') {
    throw new AirlockError('TOKEN_PROVIDER_INVALID', 'The ID token names another issuer or client');
  }
  const label = [claims.email, claims.name, claims.preferred_username].find((value): value is string => typeof value === 'string') ?? claims.sub;
  return { subject: claims.sub, label };
}
