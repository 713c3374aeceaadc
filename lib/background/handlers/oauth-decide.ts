import { objectPayload, oneOfField } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { idField } from './oauth-fields';

/**
 * Continue or Deny, from the human window. Accepted only from the tab Airlock created for this flow:
 * the agent's tab, or an Airlock page the agent opened itself, is never that tab.
 */
export function oauthDecide(broker: OAuthBroker): Handler<'oauth.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { flowId: idField(record, 'flowId'), decision: oneOfField(record, 'decision', ['continue', 'deny'] as const) };
    },
    handle: ({ flowId, decision }, sender) => broker.decide(flowId, sender.tabId, decision),
  };
}
