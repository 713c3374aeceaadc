import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { idField } from './oauth-fields';

/** The human window asks what to show. The broker answers only the tab it created for the flow. */
export function oauthFlow(broker: OAuthBroker): Handler<'oauth.flow'> {
  return {
    parse: (payload) => ({ flowId: idField(objectPayload(payload), 'flowId') }),
    handle: ({ flowId }, sender) => broker.view(flowId, sender.tabId),
  };
}
