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
 * `remember` and `inPage` (the weaker fill for this site); without one, the master password.
 */
export function credentialDecide(takeover: TakeoverService, confirmation: HumanConfirmation): Handler<'credential.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const entryId = record.entryId === null ? null : stringField(record, 'entryId', 64);
      const inPage = record.inPage === undefined ? false : boolField(record, 'inPage');
      return { requestId: stringField(record, 'requestId', 64), entryId, remember: boolField(record, 'remember'), inPage, proof: parseProof(record.proof) };
    },
    async handle({ requestId, entryId, remember, inPage, proof }, sender) {
      if (sender.kind !== 'extension-view') throw new AirlockError('SENDER_FORBIDDEN', 'Only the toolbar popup decides');
      if (entryId !== null) await confirmation.confirm({ purpose: 'credential-release', requestId, entryId, remember, inPage }, proof, sender);
      return takeover.decide(requestId, entryId, remember, inPage);
    },
  };
}
