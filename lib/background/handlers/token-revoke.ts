import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { idField } from './oauth-fields';

/** Revoking only raises protection, so any Airlock page may do it. */
export function tokenRevoke(tokens: TokenBroker): Handler<'token.revoke'> {
  return {
    parse: (payload) => ({ grantId: idField(objectPayload(payload), 'grantId') }),
    handle: ({ grantId }) => tokens.revoke(grantId),
  };
}
