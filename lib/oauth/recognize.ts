/**
 * Recognises an OAuth 2.0 / OpenID Connect authorization request by its parameters alone, so that
 * providers Airlock has never heard of are brokered too. Pure: no extension APIs.
 *
 * RFC 6749 §4.1.1 / §4.2.1: `response_type` and `client_id` are required in every authorization
 * request; RFC 9126 (PAR) replaces the rest with `request_uri`, and RFC 9101 (JAR) with `request`.
 * SAML (`SAMLRequest`) is deliberately not recognised: its response is a form POST to the service
 * provider, which this broker cannot hand back to the agent's tab.
 */
export interface AuthorizationRequest {
  /** The full request URL, as the tab was about to load it. */
  url: string;
  /** Origin of the authorization endpoint (the provider the human will sign in with). */
  providerOrigin: string;
  /** Authorization endpoint without query or fragment. */
  endpoint: string;
  clientId: string;
  responseType: string;
  /** Absent when the client relies on its single registered redirect URI (or on PAR / JAR). */
  redirectUri: string | null;
  /** Origin of `redirect_uri`: the relying party as the provider will see it. */
  redirectOrigin: string | null;
  scopes: string[];
  state: string | null;
  pkce: boolean;
  /** OpenID Connect: `openid` among the scopes (Core §3.1.2.1). */
  openid: boolean;
  /** OpenID Connect `prompt` values (none, login, consent, select_account). */
  prompt: string[];
  /** Pushed or signed request object (RFC 9126 / RFC 9101): the parameters are not all in the URL. */
  requestObject: boolean;
}

const RESPONSE_TYPE_VALUES = new Set(['code', 'token', 'id_token', 'none']);
const TOKEN_CHARS = /^[\x21\x23-\x5B\x5D-\x7E]+$/; // RFC 6749 Appendix A: VSCHAR minus " and \

function words(value: string | null): string[] {
  return (value ?? '').split(' ').filter(Boolean);
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** Returns the request's parts, or null for anything that is not an authorization request. */
export function recognizeAuthorizationRequest(url: string): AuthorizationRequest | null {
  const parsed = safeUrl(url);
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return null;
  const params = parsed.searchParams;
  const clientId = params.get('client_id');
  const responseType = params.get('response_type');
  const requestObject = params.has('request_uri') || params.has('request');
  if (!clientId || !TOKEN_CHARS.test(clientId.replace(/ /g, '!'))) return null;
  // PAR and JAR requests may carry response_type only inside the request object.
  if (!responseType && !requestObject) return null;
  const responseTypes = words(responseType);
  if (responseType && (responseTypes.length === 0 || !responseTypes.every((t) => RESPONSE_TYPE_VALUES.has(t)))) return null;
  // A redirect URI that does not parse cannot complete a flow; such a request is not ours to broker.
  const redirectRaw = params.get('redirect_uri');
  const redirect = redirectRaw === null ? null : safeUrl(redirectRaw);
  if (redirectRaw !== null && redirect === null) return null;
  const scopes = words(params.get('scope'));
  return {
    url: parsed.href,
    providerOrigin: parsed.origin,
    endpoint: `${parsed.origin}${parsed.pathname}`,
    clientId,
    responseType: responseType ?? '',
    redirectUri: redirect ? redirect.href : null,
    redirectOrigin: redirect ? redirect.origin : null,
    scopes,
    state: params.get('state'),
    pkce: params.has('code_challenge'),
    openid: scopes.includes('openid'),
    prompt: words(params.get('prompt')),
    requestObject,
  };
}

/**
 * RE2 pattern (declarativeNetRequest `regexFilter`) that matches the same URLs' query part: both
 * required parameters, in either order. The pure function above has the last word.
 */
export const AUTHORIZATION_REQUEST_REGEX = '^https?://[^#]*[?&](client_id=[^&#]+[^#]*[?&]response_type=|response_type=[^&#]+[^#]*[?&]client_id=)[^&#]';
