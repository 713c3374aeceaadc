import type { AuditTrail } from '../../approvals/audit-trail';
import { ID_PATTERN, stringField } from '../../approvals/parse';
import type { PasskeyService } from '../../approvals/passkey-service';
import { AirlockError } from '../../errors/airlock-error';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/** Re-verifies the receipt an approval left in the audit trail (the signed action and its assertion). */
export function approvalVerifyReceipt(audit: AuditTrail, passkeys: PasskeyService): Handler<'approval.verifyReceipt'> {
  return {
    parse: (payload) => ({ approvalId: stringField(objectPayload(payload), 'approvalId', 64, ID_PATTERN) }),
    async handle({ approvalId }) {
      const entry = (await audit.list()).find((e) => e.event === 'approved' && e.approvalId === approvalId && e.receipt);
      if (!entry?.receipt) throw new AirlockError('APPROVAL_NOT_FOUND', 'No receipt for this approval');
      // Edited since the chain recorded it: whatever it says now, it is not what the human signed.
      if (entry.receiptAltered) return { result: 'invalid', passkey: null };
      return passkeys.checkReceipt(entry.receipt);
    },
  };
}
