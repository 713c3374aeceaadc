import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { parseProof } from '../../approvals/parse';
import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { boolField, objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/**
 * Toolbar popup only (see SENDERS): the human's choice of entry for an agent's login, or a denial.
 * With a passkey enrolled, releasing an entry needs an assertion for this request, entry and
 * `remember`; without one it stays a popup click (which an agent cannot open).
 */
export function credentialDecide(takeover: TakeoverService, confirmation: HumanConfirmation): Handler<'credential.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const entryId = record.entryId === null ? null : stringField(record, 'entryId', 64);
      return { requestId: stringField(record, 'requestId', 64), entryId, remember: boolField(record, 'remember'), proof: parseProof(record.proof) };
    },
    async handle({ requestId, entryId, remember, proof }, sender) {
      if (sender.kind !== 'extension-view') throw new AirlockError('SENDER_FORBIDDEN', 'Only the toolbar popup decides');
      if (entryId !== null) await confirmation.confirm({ purpose: 'credential-release', requestId, entryId, remember }, proof, sender);
      return takeover.decide(requestId, entryId, remember);
    },
  };
}
