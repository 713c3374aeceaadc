import { checkPasskeyName, type PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function passkeyRegistrationOptions(passkeys: PasskeyService): Handler<'passkey.registrationOptions'> {
  return {
    parse: (payload) => ({ name: checkPasskeyName(objectPayload(payload).name) }),
    handle: ({ name }) => passkeys.registrationOptions(name),
  };
}
