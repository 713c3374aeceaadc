import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import { objectPayload, oneOfField } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { idField } from './oauth-fields';

/**
 * Continue or Deny, from Airlock's toolbar popup or side panel (the router refuses every other
 * sender, and a view that lived beside an Airlock page in a tab). Continue also needs the human's
 * proof: a passkey assertion for this flow, else the master password. Deny needs none.
 */
export function oauthDecide(broker: OAuthBroker, confirmation: HumanConfirmation): Handler<'oauth.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { flowId: idField(record, 'flowId'), decision: oneOfField(record, 'decision', ['continue', 'deny'] as const), proof: parseProof(record.proof) };
    },
    async handle({ flowId, decision, proof }, sender) {
      if (decision === 'continue') {
        // The flow is looked up first, so a message naming no flow never spends a challenge.
        await broker.flow(flowId);
        await confirmation.confirm({ purpose: 'oauth-continue', flowId }, proof, sender);
      }
      return broker.decide(flowId, decision);
    },
  };
}
