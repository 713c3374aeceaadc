import { stringField } from '../../approvals/parse';
import { checkPasskeyName, type PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function passkeyRename(passkeys: PasskeyService): Handler<'passkey.rename'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 1400, /^[A-Za-z0-9_-]+$/), name: checkPasskeyName(record.name) };
    },
    handle: ({ id, name }) => passkeys.rename(id, name),
  };
}
