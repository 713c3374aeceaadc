import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';

export function tokenProviders(tokens: TokenBroker): Handler<'token.providers'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    handle: () => tokens.providers(),
  };
}
