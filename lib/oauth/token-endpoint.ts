import { AirlockError } from '../errors/airlock-error';
import type { ProviderMetadata } from './discovery';

export interface TokenResponse {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
}

/** POSTs to the token endpoint as a public client (RFC 6749 §4.1.3, §6; RFC 7636 §4.5). */
export async function tokenRequest(metadata: ProviderMetadata, params: Record<string, string>, fetcher: typeof fetch = fetch): Promise<TokenResponse> {
  const response = await fetcher(metadata.token_endpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(params),
  }).catch(() => null);
  const body = (await response?.json().catch(() => null)) as (TokenResponse & { error?: string }) | null;
  if (!response || !response.ok || !body || typeof body.access_token !== 'string') {
    // invalid_grant: the refresh token was revoked or has expired (RFC 6749 §5.2).
    if (body?.error === 'invalid_grant') throw new AirlockError('TOKEN_GRANT_REVOKED', 'The provider no longer honours this grant');
    throw new AirlockError('TOKEN_PROVIDER_ERROR', `The token endpoint refused (${String(body?.error ?? response?.status ?? 'no answer').slice(0, 40)})`);
  }
  return body;
}

/** RFC 7009: asks the provider to revoke a token; best effort (the grant is gone locally already). */
export async function revokeAtProvider(metadata: ProviderMetadata, clientId: string, token: string, hint: 'refresh_token' | 'access_token', fetcher: typeof fetch = fetch): Promise<boolean> {
  if (!metadata.revocation_endpoint) return false;
  const response = await fetcher(metadata.revocation_endpoint, {
    method: 'POST',
    credentials: 'omit',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, token_type_hint: hint, client_id: clientId }),
  }).catch(() => null);
  return response?.ok ?? false;
}
