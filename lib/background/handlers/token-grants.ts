import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';

export function tokenGrants(tokens: TokenBroker): Handler<'token.grants'> {
  return {
    parse(payload) {
      objectPayload(payload);
      return {};
    },
    handle: () => tokens.grants(),
  };
}
