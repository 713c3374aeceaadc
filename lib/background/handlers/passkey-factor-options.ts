import { parseFactorPurpose, stringField } from '../../approvals/parse';
import type { PasskeyService } from '../../approvals/passkey-service';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

export function passkeyFactorOptions(passkeys: PasskeyService): Handler<'passkey.factorOptions'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { purpose: parseFactorPurpose(record.purpose), subject: stringField(record, 'subject', 2000) };
    },
    handle: ({ purpose, subject }) => passkeys.factorOptions(purpose, subject),
  };
}
