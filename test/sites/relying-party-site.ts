import { expiredCookie, sessionCookie } from './cookies';
import {
  discover,
  exchangeCode,
  fetchUserinfo,
  idTokenClaims,
  pkceChallenge,
  randomToken,
  type ClientCredentials,
  type ProviderMetadata,
} from './oidc-client-flow';
import { callbackErrorPage, popupResultPage, signedInPage, signedOutPage, type SignInMode } from './relying-party-pages';
import { redirect, sendHtml, sendNotFound } from './respond';
import { SessionStore } from './session-store';
import type { SiteHandler, SiteRequest } from './site-server';

const SESSION_COOKIE = 'notes_session';
const BROWSER_COOKIE = 'notes_browser';
const SCOPE = 'openid profile email';

export interface RelyingPartySiteOptions {
  issuer: string;
  client: ClientCredentials;
}

interface PendingSignIn {
  browser: string;
  mode: SignInMode;
  codeVerifier: string;
  nonce: string;
}

interface Session {
  name: string;
  email: string;
}

/**
 * OpenID Connect relying party: `/` (`?mode=popup` or `?mode=redirect`) links to the authorization
 * endpoint with PKCE S256, a `state` bound to this browser and a `nonce`; `/callback` checks them and
 * exchanges the code server-side.
 */
export function createRelyingPartySite(options: RelyingPartySiteOptions): SiteHandler {
  const pending = new SessionStore<PendingSignIn>();
  const sessions = new SessionStore<Session>();
  let metadata: Promise<ProviderMetadata> | undefined;
  const providerMetadata = () => {
    metadata ??= discover(options.issuer).catch((error: unknown) => {
      metadata = undefined;
      throw error;
    });
    return metadata;
  };

  async function home(request: SiteRequest): Promise<{ html: string; cookies: string[] }> {
    const session = sessions.get(request.cookies[SESSION_COOKIE]);
    if (session) return { html: signedInPage(session.name), cookies: [] };
    const mode: SignInMode = request.url.searchParams.get('mode') === 'popup' ? 'popup' : 'redirect';
    const browser = request.cookies[BROWSER_COOKIE] ?? randomToken();
    const codeVerifier = randomToken();
    const nonce = randomToken();
    // The store's unguessable id is the `state`: it ties the response to this request and browser
    // (RFC 6749 §10.12, CSRF against the redirect URI).
    const state = pending.create({ browser, mode, codeVerifier, nonce });
    const authorize = new URL((await providerMetadata()).authorization_endpoint);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: options.client.clientId,
      redirect_uri: options.client.redirectUri,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: pkceChallenge(codeVerifier),
      code_challenge_method: 'S256',
      ...(mode === 'popup' ? { display: 'popup' } : {}),
    }).toString();
    const error = request.url.searchParams.get('error') ?? undefined;
    return { html: signedOutPage({ mode, authorizeUrl: authorize.href, error }), cookies: [sessionCookie(BROWSER_COOKIE, browser)] };
  }

  async function callback(request: SiteRequest, response: Parameters<SiteHandler>[1]): Promise<void> {
    const params = request.url.searchParams;
    const flow = pending.take(params.get('state') ?? undefined);
    if (!flow || flow.browser !== request.cookies[BROWSER_COOKIE]) {
      return sendHtml(response, callbackErrorPage('The sign-in response does not match a sign-in started here (state mismatch).'), { status: 400 });
    }
    // RFC 9207: the authorization response names its issuer; a different one is a mix-up attack.
    const iss = params.get('iss');
    if (iss !== null && iss !== options.issuer) {
      return sendHtml(response, callbackErrorPage('The sign-in response came from an unexpected issuer.'), { status: 400 });
    }
    const error = params.get('error');
    const code = params.get('code');
    if (error || !code) {
      const reason = error ?? 'missing_code';
      if (flow.mode === 'popup') return sendHtml(response, popupResultPage({ type: 'local-id:error', error: reason }));
      return redirect(response, `/?mode=redirect&error=${encodeURIComponent(reason)}`);
    }
    const metadata = await providerMetadata();
    const tokens = await exchangeCode(metadata, options.client, code, flow.codeVerifier);
    const claims = idTokenClaims(tokens.id_token, { issuer: options.issuer, clientId: options.client.clientId, nonce: flow.nonce });
    const profile = await fetchUserinfo(metadata, tokens.access_token);
    if (profile.sub !== claims.sub) throw new Error('userinfo subject differs from the ID token subject');
    const session: Session = { name: String(profile.name ?? profile.email ?? claims.sub), email: String(profile.email ?? '') };
    const cookies = [sessionCookie(SESSION_COOKIE, sessions.create(session))];
    if (flow.mode === 'popup') return sendHtml(response, popupResultPage({ type: 'local-id:signed-in', name: session.name }), { cookies });
    return redirect(response, '/', { cookies });
  }

  return async (request, response) => {
    switch (`${request.method} ${request.url.pathname}`) {
      case 'GET /': {
        const page = await home(request);
        return sendHtml(response, page.html, { cookies: page.cookies });
      }
      case 'GET /callback':
        return callback(request, response);
      case 'POST /logout':
        sessions.delete(request.cookies[SESSION_COOKIE]);
        return redirect(response, '/', { cookies: [expiredCookie(SESSION_COOKIE)] });
      default:
        return sendNotFound(response);
    }
  };
}
