import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';
import { parseSubmission } from '../../takeover/parse-swap';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/**
 * Content script: its page submits the sign-in Airlock filled with a placeholder. Airlock sends the
 * request itself with the real value and answers with the site's response (the frame and the
 * destination are checked against the swap, never taken from the payload alone).
 */
export function credentialSubmit(takeover: TakeoverService): Handler<'credential.submit'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { swapId: stringField(record, 'swapId', 64), submission: parseSubmission(record.submission) };
    },
    handle: ({ swapId, submission }, sender) => takeover.submit(sender, swapId, submission),
  };
}
