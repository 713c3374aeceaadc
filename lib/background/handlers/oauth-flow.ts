import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { idField } from './oauth-fields';

/** Airlock's views ask what a waiting sign-in is: who asks, which provider, which scopes, which agent. */
export function oauthFlow(broker: OAuthBroker): Handler<'oauth.flow'> {
  return {
    parse: (payload) => ({ flowId: idField(objectPayload(payload), 'flowId') }),
    handle: ({ flowId }) => broker.view(flowId),
  };
}
