import { AirlockError } from '../errors/airlock-error';

/** The parts of an OpenID provider's metadata the token broker uses (OpenID Connect Discovery 1.0 §3). */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  revocation_endpoint?: string;
  scopes_supported?: string[];
  code_challenge_methods_supported?: string[];
}

function secureEnough(url: string): boolean {
  const parsed = new URL(url);
  // Loopback is allowed over http, as for OAuth native apps (RFC 8252 §7.3).
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname));
}

/** Reads `<issuer>/.well-known/openid-configuration` and checks it names the same issuer (Discovery §4.3). */
export async function discoverProvider(issuer: string, fetcher: typeof fetch = fetch): Promise<ProviderMetadata> {
  if (!secureEnough(issuer)) throw new AirlockError('TOKEN_PROVIDER_INVALID', 'The issuer must use https');
  const response = await fetcher(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { credentials: 'omit' }).catch(() => null);
  if (!response || !response.ok) throw new AirlockError('TOKEN_PROVIDER_ERROR', 'The provider\'s discovery document could not be read');
  const metadata = (await response.json().catch(() => null)) as ProviderMetadata | null;
  if (!metadata || metadata.issuer !== issuer) throw new AirlockError('TOKEN_PROVIDER_INVALID', 'The discovery document names another issuer');
  for (const endpoint of [metadata.authorization_endpoint, metadata.token_endpoint, metadata.revocation_endpoint]) {
    if (endpoint !== undefined && (typeof endpoint !== 'string' || !secureEnough(endpoint))) {
      throw new AirlockError('TOKEN_PROVIDER_INVALID', 'A provider endpoint is not secure');
    }
  }
  return metadata;
}
