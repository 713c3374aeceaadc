import { createHash, randomBytes } from 'node:crypto';

export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface TokenResponse {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
  scope?: string;
}

export async function discover(issuer: string): Promise<ProviderMetadata> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`discovery failed with status ${response.status}`);
  const metadata = (await response.json()) as ProviderMetadata;
  // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must equal the one we asked.
  if (metadata.issuer !== issuer) throw new Error('discovery issuer mismatch');
  return metadata;
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** RFC 7636 §4.2: S256 challenge of a code verifier. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

export async function exchangeCode(
  metadata: ProviderMetadata,
  client: ClientCredentials,
  code: string,
  codeVerifier: string,
): Promise<TokenResponse> {
  // client_secret_basic: both parts are form-urlencoded before base64 (RFC 6749 §2.3.1).
  const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
  const response = await fetch(metadata.token_endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: codeVerifier }),
  });
  if (!response.ok) throw new Error(`token endpoint answered ${response.status}`);
  return (await response.json()) as TokenResponse;
}

/**
 * Reads the ID token's claims without checking its signature. OpenID Connect Core §3.1.3.7 allows
 * that for a token received directly from the token endpoint; issuer, audience and nonce are checked.
 */
export function idTokenClaims(idToken: string, expected: { issuer: string; clientId: string; nonce: string }): Record<string, unknown> {
  const payload = idToken.split('.')[1];
  if (!payload) throw new Error('malformed ID token');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== expected.issuer) throw new Error('ID token issuer mismatch');
  if (!audience.includes(expected.clientId)) throw new Error('ID token audience mismatch');
  if (claims.nonce !== expected.nonce) throw new Error('ID token nonce mismatch');
  return claims;
}

export async function fetchUserinfo(metadata: ProviderMetadata, accessToken: string): Promise<Record<string, unknown>> {
  const response = await fetch(metadata.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`userinfo answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
