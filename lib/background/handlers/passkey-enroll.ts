import { parseOptionalAssertion, parseRegistration } from '../../approvals/parse';
import { checkPasskeyName, type PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/** Enrolling a second authenticator needs an assertion from one already enrolled (checked in the service). */
export function passkeyEnroll(passkeys: PasskeyService): Handler<'passkey.enroll'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { registration: parseRegistration(record.registration), name: checkPasskeyName(record.name), factor: parseOptionalAssertion(record.factor) };
    },
    handle: ({ registration, name, factor }) => passkeys.enroll(registration, name, factor),
  };
}
