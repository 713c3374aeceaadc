import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import { objectPayload, oneOfField } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import type { OAuthBroker } from '../../oauth/broker';
import { idField } from './oauth-fields';

/**
 * Continue or Deny, from the human window. Accepted only from the tab Airlock created for this flow:
 * the agent's tab, or an Airlock page the agent opened itself, is never that tab. Continue also needs
 * the human's proof (a passkey assertion for this flow, else the master password): automation that
 * drives the human window itself can click, but not produce the proof. Deny needs none.
 */
export function oauthDecide(broker: OAuthBroker, confirmation: HumanConfirmation): Handler<'oauth.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { flowId: idField(record, 'flowId'), decision: oneOfField(record, 'decision', ['continue', 'deny'] as const), proof: parseProof(record.proof) };
    },
    async handle({ flowId, decision, proof }, sender) {
      if (decision === 'continue') {
        // The window is checked first, so a forged message from another tab never spends a challenge.
        await broker.flowForHumanTab(flowId, sender.tabId);
        await confirmation.confirm({ purpose: 'oauth-continue', flowId }, proof, sender);
      }
      return broker.decide(flowId, sender.tabId, decision);
    },
  };
}
