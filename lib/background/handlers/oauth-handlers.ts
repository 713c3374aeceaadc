import type { AgentRegistry } from '../../agent/registry';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { AirlockError } from '../../errors/airlock-error';
import type { Handler, Handlers } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import type { TokenBroker } from '../../oauth/token-broker';
import { oauthDecide } from './oauth-decide';
import { oauthFlow } from './oauth-flow';
import { oauthPending } from './oauth-pending';
import { oauthTabFlows } from './oauth-tab-flows';
import { tokenDecide } from './token-decide';
import { tokenGrants } from './token-grants';
import { tokenPending } from './token-pending';
import { tokenProviders } from './token-providers';
import { tokenRequest } from './token-request';
import { tokenRevoke } from './token-revoke';
import { tokenSaveProvider } from './token-save-provider';

export interface OAuthServices {
  broker: OAuthBroker;
  tokens: TokenBroker;
  registry: AgentRegistry;
  confirmation: HumanConfirmation;
}

export type OAuthKind =
  | 'oauth.tabFlows'
  | 'oauth.flow'
  | 'oauth.decide'
  | 'oauth.pending'
  | 'token.request'
  | 'token.pending'
  | 'token.decide'
  | 'token.providers'
  | 'token.saveProvider'
  | 'token.grants'
  | 'token.revoke';

export type OAuthHandlers = Pick<Handlers, OAuthKind>;

/** Handlers of the OAuth broker (sign-ins handed to the human) and of the token broker. */
export function buildOAuthHandlers(services: OAuthServices): OAuthHandlers {
  return {
    'oauth.tabFlows': oauthTabFlows(services.broker),
    'oauth.flow': oauthFlow(services.broker),
    'oauth.decide': oauthDecide(services.broker, services.confirmation),
    'oauth.pending': oauthPending(services.broker),
    'token.request': tokenRequest(services.tokens, services.registry),
    'token.pending': tokenPending(services.tokens),
    'token.decide': tokenDecide(services.tokens, services.confirmation),
    'token.providers': tokenProviders(services.tokens),
    'token.saveProvider': tokenSaveProvider(services.tokens),
    'token.grants': tokenGrants(services.tokens),
    'token.revoke': tokenRevoke(services.tokens),
  };
}

/** Where the broker is not running (unit tests of other handlers), every kind answers INTERNAL. */
export function unavailableOAuthHandlers(): OAuthHandlers {
  const unavailable = <K extends OAuthKind>(): Handler<K> => ({
    parse: () => {
      throw new AirlockError('INTERNAL', 'The OAuth broker is not running');
    },
    handle: () => Promise.reject(new AirlockError('INTERNAL', 'The OAuth broker is not running')),
  });
  return {
    'oauth.tabFlows': unavailable(),
    'oauth.flow': unavailable(),
    'oauth.decide': unavailable(),
    'oauth.pending': unavailable(),
    'token.request': unavailable(),
    'token.pending': unavailable(),
    'token.decide': unavailable(),
    'token.providers': unavailable(),
    'token.saveProvider': unavailable(),
    'token.grants': unavailable(),
    'token.revoke': unavailable(),
  };
}
