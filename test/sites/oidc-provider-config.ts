import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Provider, type Account, type ClientInstance, type Configuration } from 'oidc-provider';
import { BROKER_CLIENT, clientMetadata, EXTENSION_ORIGIN_PATTERN, EXTENSION_REDIRECT_PATTERN } from './oidc-clients';
import { providerErrorPage } from './oidc-interaction-pages';
import { createMemoryAdapterFactory } from './oidc-memory-store';
import { SITE_USERS } from './site-users';

type AccountId = keyof typeof SITE_USERS;

interface KoaLikeContext {
  type: string;
  body: unknown;
}

function findAccount(_ctx: unknown, sub: string): Account | undefined {
  if (!Object.hasOwn(SITE_USERS, sub)) return undefined;
  const user = SITE_USERS[sub as AccountId];
  const [givenName = '', familyName = ''] = user.name.split(' ');
  return {
    accountId: sub,
    claims: () => ({ sub, name: user.name, given_name: givenName, family_name: familyName, email: user.username, email_verified: true }),
  };
}

function signingKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' };
}

/**
 * Allows any extension's identity redirect for the broker client: the extension ID differs between the
 * development key, store builds and Firefox, and all of them must be able to use the local provider.
 * Every other client keeps oidc-provider's exact matching (RFC 9700 §4.1.3).
 */
function acceptExtensionRedirects(provider: Provider): void {
  const prototype = provider.Client.prototype;
  const exactMatch = prototype.redirectUriAllowed;
  prototype.redirectUriAllowed = function redirectUriAllowed(this: ClientInstance, uri: string): boolean {
    if (this.clientId === BROKER_CLIENT.clientId && EXTENSION_REDIRECT_PATTERN.test(uri)) return true;
    return exactMatch.call(this, uri);
  };
}

export function createLocalProvider(issuer: string, relyingPartyCallback: string, onStored?: (model: string, id: string) => void): Provider {
  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(onStored),
    clients: clientMetadata(relyingPartyCallback),
    findAccount,
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [signingKey()] },
    features: {
      devInteractions: { enabled: false },
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: (_ctx: unknown, client: ClientInstance, token: { clientId: string }) => token.clientId === client.clientId,
      },
    },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 86_400, Interaction: 600, Session: 28_800, Grant: 86_400 },
    clientBasedCORS: (_ctx: unknown, origin: string, client: ClientInstance) =>
      client.clientId === BROKER_CLIENT.clientId && EXTENSION_ORIGIN_PATTERN.test(origin),
    renderError: (ctx: KoaLikeContext, out: { error: string; error_description?: string }) => {
      ctx.type = 'html';
      ctx.body = providerErrorPage(out.error, out.error_description);
    },
  };
  const provider = new Provider(issuer, configuration);
  acceptExtensionRedirects(provider);
  return provider;
}
