import { parseAssertion, stringField } from '../../approvals/parse';
import type { PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/** Removing an authenticator needs an assertion from an enrolled one (the same one will do). */
export function passkeyRemove(passkeys: PasskeyService): Handler<'passkey.remove'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 1400, /^[A-Za-z0-9_-]+$/), factor: parseAssertion(record.factor) };
    },
    handle: ({ id, factor }) => passkeys.remove(id, factor),
  };
}
