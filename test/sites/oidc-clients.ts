import { DEV_EXTENSION_ID } from '../../lib/extension-key';

/** Confidential web client of the relying-party site (authorization code + PKCE S256). */
export const RELYING_PARTY_CLIENT = {
  clientId: 'local-notes',
  clientSecret: 'local-notes-secret-for-loopback-tests',
  name: 'Local Notes',
} as const;

/** Public client Airlock's OAuth broker uses through `identity.launchWebAuthFlow` (PKCE, no secret). */
export const BROKER_CLIENT = {
  clientId: 'airlock-broker',
  name: 'Airlock',
  /** What `chrome.identity.getRedirectURL()` returns for the development build. */
  redirectUri: `https://${DEV_EXTENSION_ID}.chromiumapp.org/`,
} as const;

/**
 * Redirect URIs of any extension's identity API: Chromium's `https://<id>.chromiumapp.org/` (IDs are
 * 32 letters a–p) and Firefox's `https://<40 hex>.extensions.allizom.org/`, each with an optional path.
 */
export const EXTENSION_REDIRECT_PATTERN =
  /^https:\/\/(?:[a-p]{32}\.chromiumapp\.org|[0-9a-f]{40}\.extensions\.allizom\.org)\/[A-Za-z0-9._~/-]*$/;

/** Origins the broker's token requests come from when the extension calls the token endpoint. */
export const EXTENSION_ORIGIN_PATTERN = /^(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

export function clientMetadata(relyingPartyCallback: string): Record<string, unknown>[] {
  return [
    {
      client_id: RELYING_PARTY_CLIENT.clientId,
      client_secret: RELYING_PARTY_CLIENT.clientSecret,
      client_name: RELYING_PARTY_CLIENT.name,
      application_type: 'web',
      redirect_uris: [relyingPartyCallback],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    {
      client_id: BROKER_CLIENT.clientId,
      client_name: BROKER_CLIENT.name,
      application_type: 'web',
      redirect_uris: [BROKER_CLIENT.redirectUri],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    },
  ];
}
