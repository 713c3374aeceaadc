import type { Handler } from '../../messaging/router';
import { objectPayload, oneOfField } from '../../messaging/parse';
import { stringField } from '../../takeover/parse-payload';
import type { TakeoverService } from '../../takeover/takeover-service';
import { parseFieldConstraints } from '../../takeover/parse-swap';

/** Content script: a login form in its frame. Its origin and frame come from the sender, never the payload. */
export function credentialRequest(takeover: TakeoverService): Handler<'credential.request'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      const field = parseFieldConstraints(record.field);
      return { step: oneOfField(record, 'step', ['username', 'password', 'otp'] as const), requestId: stringField(record, 'requestId', 64), ...(field ? { field } : {}) };
    },
    handle: ({ step, requestId, field }, sender) => takeover.request(sender, step, requestId, field),
  };
}
