import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { boolField, objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/** Toolbar popup only (see SENDERS): the human's choice of entry for an agent's login, or a denial. */
export function credentialDecide(takeover: TakeoverService): Handler<'credential.decide'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const entryId = record.entryId === null ? null : stringField(record, 'entryId', 64);
      return { requestId: stringField(record, 'requestId', 64), entryId, remember: boolField(record, 'remember') };
    },
    async handle({ requestId, entryId, remember }, sender) {
      if (sender.kind !== 'extension-view') throw new AirlockError('SENDER_FORBIDDEN', 'Only the toolbar popup decides');
      return takeover.decide(requestId, entryId, remember);
    },
  };
}
