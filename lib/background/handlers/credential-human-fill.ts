import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { intField, objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/** Toolbar popup only: the human fills their own tab (never on load: only on this request). */
export function credentialHumanFill(takeover: TakeoverService): Handler<'credential.humanFill'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { tabId: intField(record, 'tabId'), entryId: stringField(record, 'entryId', 64) };
    },
    async handle({ tabId, entryId }, sender) {
      if (sender.kind !== 'extension-view') throw new AirlockError('SENDER_FORBIDDEN', 'Only the toolbar popup fills');
      return takeover.humanFill(tabId, entryId);
    },
  };
}
