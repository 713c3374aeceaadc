import type { ApprovalService } from '../../approvals/approval-service';
import type { HumanConfirmation } from '../../approvals/human-confirmation';
import { ID_PATTERN, stringField } from '../../approvals/parse';
import { objectPayload } from '../../messaging/parse';
import type { Handler } from '../../messaging/router';

/**
 * The weaker confirmation the step-up issue allows where no authenticator is available: the vault's
 * master password, accepted only while no passkey is enrolled (the human-confirmation service decides
 * that again here, so a page cannot choose it). Bound to this approval's id and challenge; the password
 * is checked against the wrapped key and forgotten.
 */
export function approvalApproveWithPassword(approvals: ApprovalService, confirmation: Pick<HumanConfirmation, 'confirm'>): Handler<'approval.approveWithPassword'> {
  return {
    parse(payload) {
      const record = objectPayload(payload);
      return { id: stringField(record, 'id', 64, ID_PATTERN), password: stringField(record, 'password', 1024) };
    },
    handle: ({ id, password }) =>
      approvals.approveWithMasterPassword(id, async (record) => {
        await confirmation.confirm({ purpose: 'step-up-approve', approvalId: id, challenge: record.challenge }, { kind: 'master-password', password }, { tabId: record.tabId });
      }),
  };
}
