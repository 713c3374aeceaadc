import { boolField, intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { requireToolbarForLowering } from './lowering-protection';
import { idField } from './oauth-fields';

/** The human's decision on a token request: from the toolbar popup only (SENDERS, and checked again here). */
export function tokenDecide(tokens: TokenBroker): Handler<'token.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { requestId: idField(record, 'requestId'), approve: boolField(record, 'approve'), lifetimeMinutes: intField(record, 'lifetimeMinutes') };
    },
    handle({ requestId, approve, lifetimeMinutes }, sender) {
      if (approve) requireToolbarForLowering(sender);
      return tokens.decide(requestId, approve, lifetimeMinutes);
    },
  };
}
