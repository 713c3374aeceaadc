import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';

/** The sign-ins waiting for the human's Continue or Deny, for the toolbar popup and the side panel. */
export function oauthPending(broker: OAuthBroker): Handler<'oauth.pending'> {
  return { parse: () => ({}), handle: () => broker.pending() };
}
