import type { Handler } from '../../messaging/router';
import { objectPayload, oneOfField } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';

/** Content script: a login form in its frame. Its origin and frame come from the sender, never the payload. */
export function credentialRequest(takeover: TakeoverService): Handler<'credential.request'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { step: oneOfField(record, 'step', ['username', 'password', 'otp'] as const), requestId: stringField(record, 'requestId', 64) };
    },
    handle: ({ step, requestId }, sender) => takeover.request(sender, step, requestId),
  };
}
