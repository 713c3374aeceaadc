import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';

/** Requests waiting for the human, read from storage.session: a restarted worker lists them too. */
export function tokenPending(tokens: TokenBroker): Handler<'token.pending'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    handle: () => tokens.pendingRequests(),
  };
}
