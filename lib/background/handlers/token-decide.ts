import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import { AirlockError } from '../../errors/airlock-error';
import { boolField, intField, objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { TokenBroker } from '../../oauth/token-broker';
import { requireToolbarForLowering } from './lowering-protection';
import { idField } from './oauth-fields';

/**
 * The human's decision on a token request: from the toolbar popup only (SENDERS, and checked again
 * here). Approving also needs the human's proof, bound to the request, its scopes and the lifetime.
 */
export function tokenDecide(tokens: TokenBroker, confirmation: HumanConfirmation): Handler<'token.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { requestId: idField(record, 'requestId'), approve: boolField(record, 'approve'), lifetimeMinutes: intField(record, 'lifetimeMinutes'), proof: parseProof(record.proof) };
    },
    async handle({ requestId, approve, lifetimeMinutes, proof }, sender) {
      if (approve) {
        requireToolbarForLowering(sender);
        // The scopes come from the stored request, not from the page: an assertion for other scopes fails.
        const request = (await tokens.pendingRequests()).find((r) => r.requestId === requestId && r.status === 'pending');
        if (!request) throw new AirlockError('TOKEN_REQUEST_NOT_FOUND', 'No such token request');
        await confirmation.confirm({ purpose: 'token-approve', requestId, scopes: request.scopes, lifetimeMinutes }, proof, { tabId: request.tabId });
      }
      return tokens.decide(requestId, approve, lifetimeMinutes);
    },
  };
}
