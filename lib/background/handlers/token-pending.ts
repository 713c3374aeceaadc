import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';

export function tokenPending(tokens: TokenBroker): Handler<'token.pending'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    handle: async () => tokens.pendingRequests(),
  };
}
