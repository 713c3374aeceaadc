import type { PasskeyService } from '../../approvals/passkey-service';
import type { Handler } from '../../messaging/router';

export function passkeyList(passkeys: PasskeyService): Handler<'passkey.list'> {
  return { parse: () => ({}), handle: () => passkeys.list() };
}
