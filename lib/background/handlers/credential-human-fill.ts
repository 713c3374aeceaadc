import type { Handler } from '../../messaging/router';
import { AirlockError } from '../../errors/airlock-error';
import { intField, objectPayload } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

function humanFill<K extends 'credential.humanFill' | 'credential.humanFillCode'>(takeover: TakeoverService, step: 'password' | 'otp'): Handler<K> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { tabId: intField(record, 'tabId'), entryId: stringField(record, 'entryId', 64) };
    },
    async handle({ tabId, entryId }, sender) {
      if (sender.kind !== 'extension-view') throw new AirlockError('SENDER_FORBIDDEN', 'Only the toolbar popup fills');
      return takeover.humanFill(tabId, entryId, step);
    },
  };
}

/** Toolbar popup only: the human fills their own tab's sign-in form (never on load: only on this request). */
export const credentialHumanFill = (takeover: TakeoverService): Handler<'credential.humanFill'> => humanFill<'credential.humanFill'>(takeover, 'password');

/** Toolbar popup only: the human fills their own tab's one-time-code field, with a code computed now. */
export const credentialHumanFillCode = (takeover: TakeoverService): Handler<'credential.humanFillCode'> => humanFill<'credential.humanFillCode'>(takeover, 'otp');
