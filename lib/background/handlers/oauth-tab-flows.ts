import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { senderTab } from './require-tab';

/** Protocol `oauth`: the brokered sign-ins of the sender's own tab, status only. */
export function oauthTabFlows(broker: OAuthBroker): Handler<'oauth.tabFlows'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    handle: (_request, sender) => broker.flowsOfTab(senderTab(sender).tabId),
  };
}
