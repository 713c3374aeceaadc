import type { ServerResponse } from 'node:http';
import type { InteractionDetails, Provider } from 'oidc-provider';
import {
  interactionConsentPage,
  interactionLoginPage,
  providerErrorPage,
  providerHomePage,
  type InteractionView,
} from './oidc-interaction-pages';
import { createLocalProvider } from './oidc-provider-config';
import { sendHtml, sendNotFound } from './respond';
import type { SiteHandler, SiteRequest } from './site-server';
import { checkCredentials, SITE_USERS } from './site-users';

const INTERACTION_PATH = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/;

export interface OidcProviderSiteOptions {
  issuer: string;
  relyingPartyCallback: string;
  /** Told the model and id of every record the provider stores (ids of opaque tokens are their values). */
  onStored?: (model: string, id: string) => void;
}

/**
 * A real OpenID provider (oidc-provider) with its own interaction pages: `/interaction/:uid` shows the
 * login or consent form; POST `/interaction/:uid/login`, `/confirm` and `/abort` answer them.
 */
export function createOidcProviderSite(options: OidcProviderSiteOptions): SiteHandler {
  const provider = createLocalProvider(options.issuer, options.relyingPartyCallback, options.onStored);
  const providerCallback = provider.callback();

  return async (request, response) => {
    const path = request.url.pathname;
    if (request.method === 'GET' && path === '/') return sendHtml(response, providerHomePage(options.issuer));
    const match = INTERACTION_PATH.exec(path);
    if (!match) return providerCallback(request.raw, response);
    return handleInteraction(provider, request, response, match[1]!, match[2]);
  };
}

async function handleInteraction(
  provider: Provider,
  request: SiteRequest,
  response: ServerResponse,
  uid: string,
  action: string | undefined,
): Promise<void> {
  const details = await provider.interactionDetails(request.raw, response).catch(() => undefined);
  if (!details) {
    // No interaction cookie or an expired interaction: the sign-in must start again at the client.
    const page = providerErrorPage('session_not_found', 'This sign-in request has expired. Start again from the application.');
    return sendHtml(response, page, { status: 400 });
  }
  // The interaction cookie, not the URL, identifies the flow; a URL for someone else's flow is refused.
  if (details.uid !== uid) return sendNotFound(response);
  const view = await interactionView(provider, details);

  switch (`${request.method} ${action ?? ''}`) {
    case 'GET ':
      return sendHtml(response, details.prompt.name === 'login' ? interactionLoginPage(view) : consentPage(view, details));
    case 'POST login': {
      const form = await request.readForm();
      const user = checkCredentials(form.email ?? '', form.password ?? '');
      const accountId = Object.entries(SITE_USERS).find(([, candidate]) => candidate === user)?.[0];
      if (!accountId) {
        return sendHtml(response, interactionLoginPage({ ...view, error: 'Incorrect email address or password.', email: form.email }), { status: 401 });
      }
      return provider.interactionFinished(request.raw, response, { login: { accountId } }, { mergeWithLastSubmission: false });
    }
    case 'POST confirm':
      return provider.interactionFinished(request.raw, response, { consent: await grantConsent(provider, details) }, { mergeWithLastSubmission: true });
    case 'POST abort':
      return provider.interactionFinished(
        request.raw,
        response,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
    default:
      return sendNotFound(response);
  }
}

async function interactionView(provider: Provider, details: InteractionDetails): Promise<InteractionView> {
  const clientId = String(details.params.client_id);
  const client = await provider.Client.find(clientId);
  return {
    uid: details.uid,
    clientName: client?.clientName ?? clientId,
    returnOrigin: new URL(String(details.params.redirect_uri)).origin,
  };
}

function consentPage(view: InteractionView, details: InteractionDetails): string {
  const accountId = details.session?.accountId ?? '';
  const user = Object.hasOwn(SITE_USERS, accountId) ? SITE_USERS[accountId as keyof typeof SITE_USERS] : undefined;
  const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
  return interactionConsentPage({ ...view, scopes, accountName: user?.name ?? accountId });
}

/** Grants what the consent prompt reported missing, as in oidc-provider's interaction example. */
async function grantConsent(provider: Provider, details: InteractionDetails): Promise<{ grantId?: string }> {
  const accountId = details.session?.accountId;
  if (!accountId) throw new Error('consent without a signed-in account');
  const existing = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
  const grant = existing ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return details.grantId ? {} : { grantId };
}
