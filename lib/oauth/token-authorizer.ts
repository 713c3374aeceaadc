import { AirlockError } from '../errors/airlock-error';

/** The part of `browser.identity` the token broker uses; either member may be missing in a browser. */
export interface IdentityApi {
  launchWebAuthFlow?: (details: { url: string; interactive: boolean }) => Promise<string | undefined>;
  getRedirectURL?: () => string;
}

/** Runs an authorization request in a window of Airlock's (OAuthBroker.authorizeInWindow). */
export interface HumanWindowAuthorizer {
  authorizeInWindow(url: string, originTabId: number, agent: string): Promise<string>;
}

/** Who the authorization is for: shown in the audit of a human-window flow. */
export interface AuthorizeContext {
  tabId: number;
  agent: string;
}

export interface TokenAuthorizer {
  redirectUri: string;
  /** Resolves with the URL the provider redirected to. */
  authorize(url: string, context: AuthorizeContext): Promise<string>;
}

/**
 * Where the browser lacks identity.getRedirectURL too, a redirect URI under `.invalid` (RFC 6761
 * §6.4: it never resolves), so the code can only be read by Airlock's capture of the blocked load.
 * The human registers it at the provider like any redirect URI.
 */
export const FALLBACK_REDIRECT_URI = 'https://airlock.invalid/token-callback';

/**
 * Chooses, at each authorization, how to run it: `identity.launchWebAuthFlow` where the browser
 * offers it (Chromium, Firefox), otherwise the same request in Airlock's human window (some Firefox
 * forks lack it). Both use one redirect URI, so a provider registration serves either path.
 */
export function tokenAuthorizer(identity: IdentityApi | undefined, humanWindow: HumanWindowAuthorizer): TokenAuthorizer {
  return {
    redirectUri: identity?.getRedirectURL?.() ?? FALLBACK_REDIRECT_URI,
    async authorize(url, context) {
      const launch = identity?.launchWebAuthFlow;
      if (typeof launch !== 'function') return humanWindow.authorizeInWindow(url, context.tabId, context.agent);
      const returned = await launch.call(identity, { url, interactive: true });
      if (!returned) throw new AirlockError('TOKEN_REQUEST_DENIED', 'The sign-in window returned nothing');
      return returned;
    },
  };
}
